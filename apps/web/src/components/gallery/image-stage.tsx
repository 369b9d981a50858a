import { useEffect, useRef, useState, type MouseEvent, type PointerEvent } from 'react';
import { thumbhashToDataUrl } from '../../lib/thumbhash';
import { ignoresShortcut } from '../../hooks/use-shortcuts';
import { ActualSizeIcon, FitIcon } from '../ui/icons';
import './image-detail.css';

/** What the stage needs of an image: an owner's image or one opened through a share link. */
export interface StageImage {
  url: string;
  width: number;
  height: number;
  thumbhash?: string | null;
  thumbnails: readonly { size: number; url: string }[];
}

/** How far a press may move and still count as a click (not a drag). */
const CLICK_SLOP_PX = 4;

/**
 * The image as large as the view allows: the 768 px thumbnail first (usually cached from the
 * grid), swapped for the original once it has loaded. Width and height come from metadata, so
 * the box never changes size. A click (or `z`, or the corner button) shows it at 100 %, centred
 * on the point clicked; drag, or scroll, to pan; click again to fit.
 */
export function ImageStage({ image, alt }: { image: StageImage; alt: string }) {
  const stage = useRef<HTMLDivElement>(null);
  const [zoomed, setZoomed] = useState(false);
  // Where to centre once zoomed (fractions of the image), and the drag in progress.
  const focus = useRef({ x: 0.5, y: 0.5 });
  const drag = useRef<{ x: number; y: number; left: number; top: number; moved: boolean } | null>(null);

  const toggle = (at?: { x: number; y: number }) => {
    focus.current = at ?? { x: 0.5, y: 0.5 };
    setZoomed((value) => !value);
  };

  useEffect(() => {
    const element = stage.current;
    if (!zoomed || !element) return;
    element.scrollLeft = focus.current.x * element.scrollWidth - element.clientWidth / 2;
    element.scrollTop = focus.current.y * element.scrollHeight - element.clientHeight / 2;
  }, [zoomed]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'z' || ignoresShortcut(event)) return;
      event.preventDefault();
      toggle();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const element = stage.current;
    if (!zoomed || !element || event.button !== 0) return;
    drag.current = {
      x: event.clientX,
      y: event.clientY,
      left: element.scrollLeft,
      top: element.scrollTop,
      moved: false,
    };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const element = stage.current;
    const from = drag.current;
    if (!element || !from) return;
    const dx = event.clientX - from.x;
    const dy = event.clientY - from.y;
    if (Math.hypot(dx, dy) > CLICK_SLOP_PX) from.moved = true;
    element.scrollLeft = from.left - dx;
    element.scrollTop = from.top - dy;
  };
  const onPointerUp = () => {
    // A drag ends here; the click that follows it must not zoom out.
    setTimeout(() => (drag.current = null));
  };
  const onImageClick = (event: MouseEvent<HTMLElement>) => {
    if (drag.current?.moved) return;
    const box = event.currentTarget.getBoundingClientRect();
    toggle({
      x: box.width > 0 ? (event.clientX - box.left) / box.width : 0.5,
      y: box.height > 0 ? (event.clientY - box.top) / box.height : 0.5,
    });
  };

  const preview =
    image.thumbnails.find((t) => t.size === 768) ?? image.thumbnails[image.thumbnails.length - 1];
  const [src, setSrc] = useState(preview?.url ?? image.url);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (src === image.url) return;
    const original = new Image();
    original.onload = () => setSrc(image.url);
    original.src = image.url;
    return () => {
      original.onload = null;
    };
  }, [image.url, src]);

  const placeholder = thumbhashToDataUrl(image.thumbhash);
  const background = placeholder ? { backgroundImage: `url("${placeholder}")` } : undefined;
  return (
    <div className="stage-frame">
      <button
        type="button"
        className="icon-button stage-zoom"
        aria-pressed={zoomed}
        aria-label={zoomed ? 'Fit to the view (z)' : 'Actual size, 100 % (z)'}
        title={zoomed ? 'Fit to the view (z)' : 'Actual size, 100 % (z)'}
        onClick={() => toggle()}
      >
        {zoomed ? <FitIcon /> : <ActualSizeIcon />}
      </button>
      <div
        ref={stage}
        className={`detail-stage${zoomed ? ' detail-stage-zoomed' : ''}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        {failed ? (
          // Offline or missing file: keep the placeholder at the image's shape, and say why.
          <div
            className="detail-image detail-image-missing"
            role="img"
            aria-label={alt}
            style={{ ...background, aspectRatio: `${image.width} / ${image.height}` }}
          >
            <span>The image file could not be loaded. Check your connection.</span>
          </div>
        ) : (
          <img
            className="detail-image"
            src={src}
            width={image.width}
            height={image.height}
            alt={alt}
            style={background}
            draggable={false}
            onClick={onImageClick}
            onError={() => setFailed(true)}
          />
        )}
      </div>
    </div>
  );
}
