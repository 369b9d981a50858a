import { Modal } from '../ui/modal';
import { EDITOR_SHORTCUTS } from './editor-shortcuts';

/** The editor's keys (`?` or the keyboard button). */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal open={open} onClose={onClose} title="Editor shortcuts" className="shortcuts-dialog">
      <dl className="shortcuts">
        {EDITOR_SHORTCUTS.map((shortcut) => (
          <div key={shortcut.what} className="shortcut">
            <dt>
              {shortcut.keys.map((key, i) => (
                <kbd key={i}>{key}</kbd>
              ))}
            </dt>
            <dd>{shortcut.what}</dd>
          </div>
        ))}
      </dl>
    </Modal>
  );
}
