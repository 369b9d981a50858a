import { ActualSizeIcon, FitIcon, KeyboardIcon } from '../ui/icons';
import { ZOOM_STEP, type Viewport } from './use-viewport';
import { zoomLabel } from './viewport';

interface EditorToolbarProps {
  canUndo: boolean;
  canRedo: boolean;
  canReset: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onReset: () => void;
  comparing: boolean;
  onCompare: () => void;
  viewport: Viewport;
  onHelp: () => void;
}

/** Undo, redo, reset, compare, zoom and the shortcuts list, in the editor's top bar. */
export function EditorToolbar({
  canUndo,
  canRedo,
  canReset,
  onUndo,
  onRedo,
  onReset,
  comparing,
  onCompare,
  viewport,
  onHelp,
}: EditorToolbarProps) {
  return (
    <div className="editor-tools" role="toolbar" aria-label="History and view">
      <button type="button" className="button" disabled={!canUndo} onClick={onUndo} title="Undo (Ctrl/⌘+Z)">
        Undo
      </button>
      <button
        type="button"
        className="button"
        disabled={!canRedo}
        onClick={onRedo}
        title="Redo (Shift+Ctrl/⌘+Z)"
      >
        Redo
      </button>
      <button
        type="button"
        className="button"
        disabled={!canReset}
        onClick={onReset}
        title="Back to the original (undoable)"
      >
        Reset
      </button>
      <button
        type="button"
        className="button"
        aria-pressed={comparing}
        onClick={onCompare}
        title="Before and after (hold \ for the original)"
      >
        Compare
      </button>
      <span className="editor-zoom">
        <button
          type="button"
          className="icon-button"
          aria-label="Fit to the view"
          title="Fit (F)"
          aria-pressed={viewport.fitted}
          onClick={viewport.fit}
        >
          <FitIcon />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Actual size"
          title="100 % (1)"
          onClick={viewport.actualSize}
        >
          <ActualSizeIcon />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Zoom out"
          title="Zoom out (−)"
          onClick={() => viewport.zoomBy(1 / ZOOM_STEP)}
        >
          −
        </button>
        <output className="editor-zoom-label" aria-label="Zoom">
          {zoomLabel(viewport.view.scale)}
        </output>
        <button
          type="button"
          className="icon-button"
          aria-label="Zoom in"
          title="Zoom in (+)"
          onClick={() => viewport.zoomBy(ZOOM_STEP)}
        >
          +
        </button>
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={onHelp}
      >
        <KeyboardIcon />
      </button>
    </div>
  );
}
