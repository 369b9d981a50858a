import { useSearchParams } from 'react-router';
import { HistoryTab } from '../components/library/history-tab';
import { SavedPromptsTab } from '../components/library/saved-prompts-tab';
import { TemplatesTab } from '../components/library/templates-tab';
import '../components/library/library.css';

const TABS = [
  { id: 'library', label: 'Library' },
  { id: 'history', label: 'History' },
  { id: 'templates', label: 'Templates' },
] as const;

type TabId = (typeof TABS)[number]['id'];

/** Saved prompts, prompt history and templates; the tab is in the URL (?tab=history). */
export default function PromptsPage() {
  const [params, setParams] = useSearchParams();
  const wanted = params.get('tab');
  const tab: TabId = TABS.some((t) => t.id === wanted) ? (wanted as TabId) : 'library';

  return (
    <div className="page prompts-page">
      <div className="page-header">
        <h1>Prompts</h1>
      </div>
      <div className="library-tabs" role="tablist" aria-label="Prompt library">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`prompts-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`prompts-panel-${t.id}`}
            className="library-tab-button"
            onClick={() => setParams(t.id === 'library' ? {} : { tab: t.id }, { replace: true })}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`prompts-panel-${tab}`} aria-labelledby={`prompts-tab-${tab}`}>
        {tab === 'library' ? <SavedPromptsTab /> : tab === 'history' ? <HistoryTab /> : <TemplatesTab />}
      </div>
    </div>
  );
}
