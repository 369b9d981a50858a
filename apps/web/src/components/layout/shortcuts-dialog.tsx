import { SHORTCUTS } from '../../hooks/use-shortcuts';
import { Modal } from '../ui/modal';
import './shortcuts-dialog.css';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal open={open} onClose={onClose} title="Keyboard shortcuts" className="shortcuts-dialog">
      <dl className="shortcuts">
        {SHORTCUTS.map((shortcut) => (
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
