import type { ReactNode, RefObject } from 'react';
import type { EditorImage, EditorOverlay, Size } from './editor-context';
import type { PreviewStatus } from './preview/use-preview';
import type { View } from './viewport';

interface EditorStageProps {
  boxRef: RefObject<HTMLDivElement | null>;
  canvasHost: RefObject<HTMLDivElement | null>;
  image: EditorImage;
  picture: Size;
  view: View;
  status: PreviewStatus;
  overlay: EditorOverlay | null;
  /** Space held: every drag pans (the overlay lets presses through). */
  panning: boolean;
  /** `\` held: the untouched original instead of the preview. */
  showOriginal: boolean;
  /** Drawn in the box's own pixels over everything (crop frame, compare divider). */
  controls?: ReactNode;
}

/**
 * The picture at the viewport's scale and offset: the preview canvas (its pixel size has the
 * picture's aspect ratio, and it is shown at `picture × scale` CSS pixels, so it is never
 * stretched), the overlay box in picture pixels, and the controls drawn over it.
 */
export function EditorStage({
  boxRef,
  canvasHost,
  image,
  picture,
  view,
  status,
  overlay,
  panning,
  showOriginal,
  controls,
}: EditorStageProps) {
  const width = picture.width * view.scale;
  const height = picture.height * view.scale;
  return (
    <div
      ref={boxRef}
      className="editor-stage"
      data-panning={panning || undefined}
      data-tool={overlay?.interactive || undefined}
      role="region"
      aria-label={`Preview of the edited picture, ${picture.width} × ${picture.height} pixels`}
    >
      <div
        className="editor-picture"
        data-testid="editor-picture"
        style={{ left: view.x, top: view.y, width, height }}
        hidden={status.state === 'error'}
      >
        <div ref={canvasHost} className="editor-canvas-host" />
      </div>
      {overlay && (
        <div
          className="editor-overlay"
          style={{
            width: picture.width,
            height: picture.height,
            transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})`,
            pointerEvents: overlay.interactive && !panning ? 'auto' : 'none',
          }}
        >
          {overlay.node}
        </div>
      )}
      {controls}
      {showOriginal && (
        <div className="editor-original">
          <img src={image.url} alt={`The original: ${image.prompt}`} />
          <span className="editor-original-label">Original</span>
        </div>
      )}
      {status.state === 'loading' && (
        <p className="editor-stage-note" role="status">
          Loading the picture…
        </p>
      )}
      {status.state === 'error' && (
        <p className="editor-stage-note editor-stage-error" role="alert">
          {status.message}
        </p>
      )}
    </div>
  );
}
