export type Tab = 'transform' | 'adjust' | 'generative' | 'history';

interface EditorTabsProps {
  tabs: readonly { id: Tab; label: string }[];
  current: Tab;
  onSelect: (tab: Tab) => void;
}

/** The side panel's tabs (one panel, `editor-tabpanel`); ←/→ move between them. */
export function EditorTabs({ tabs, current, onSelect }: EditorTabsProps) {
  return (
    <div className="editor-tabs" role="tablist" aria-label="Tools">
      {tabs.map((entry) => (
        <button
          key={entry.id}
          type="button"
          role="tab"
          id={`editor-tab-${entry.id}`}
          aria-controls="editor-tabpanel"
          aria-selected={current === entry.id}
          tabIndex={current === entry.id ? 0 : -1}
          className="editor-tab"
          onClick={() => onSelect(entry.id)}
          onKeyDown={(event) => {
            const index = tabs.findIndex((t) => t.id === current);
            const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
            if (!delta) return;
            event.preventDefault();
            const next = tabs[(index + delta + tabs.length) % tabs.length];
            if (!next) return;
            onSelect(next.id);
            document.getElementById(`editor-tab-${next.id}`)?.focus();
          }}
        >
          {entry.label}
        </button>
      ))}
    </div>
  );
}
