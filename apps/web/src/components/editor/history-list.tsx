import type { EditOperation } from '@atelier/image-edits';
import { describeOperation } from './operation-labels';

interface HistoryListProps {
  operations: readonly EditOperation[];
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onReset: () => void;
  /** Goes back to the list up to a step (itself an undoable step). */
  onRestore: (operations: readonly EditOperation[]) => void;
}

/** The operation list in order, oldest first; choosing a step keeps the list up to it. */
export function HistoryList({
  operations,
  canUndo,
  canRedo,
  onUndo,
  onRedo,
  onReset,
  onRestore,
}: HistoryListProps) {
  return (
    <div className="editor-panel-body">
      <div className="editor-row">
        <button type="button" className="button" disabled={!canUndo} onClick={onUndo}>
          Undo
        </button>
        <button type="button" className="button" disabled={!canRedo} onClick={onRedo}>
          Redo
        </button>
        <button type="button" className="button" disabled={operations.length === 0} onClick={onReset}>
          Reset
        </button>
      </div>
      {operations.length === 0 ? (
        <p className="editor-hint">No changes yet: the original as it is.</p>
      ) : (
        <ol className="editor-history" aria-label="Operations">
          {operations.map((operation, index) => {
            const latest = index === operations.length - 1;
            return (
              <li key={index}>
                <button
                  type="button"
                  className="editor-history-step"
                  aria-current={latest ? 'step' : undefined}
                  disabled={latest}
                  title={latest ? 'The latest step' : 'Go back to this step (undoable)'}
                  onClick={() => onRestore(operations.slice(0, index + 1))}
                >
                  <span className="editor-history-index">{index + 1}</span>
                  {describeOperation(operation)}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
