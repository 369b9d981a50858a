import { useEffect, useState } from 'react';
import { thumbhashToDataUrl } from '../../lib/thumbhash';

/** What the stage needs of an image: an owner's image or one opened through a share link. */
export interface StageImage {
  url: string;
  width: number;
  height: number;
  thumbhash?: string | null;
  thumbnails: readonly { size: number; url: string }[];
}

/**
 * The image as large as the view allows: the 768 px thumbnail first (usually cached from the
 * grid), swapped for the original once it has loaded. Width and height come from metadata, so
 * the box never changes size.
 */
export function ImageStage({ image, alt }: { image: StageImage; alt: string }) {
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
    <div className="detail-stage">
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
          onError={() => setFailed(true)}
        />
      )}
    </div>
  );
}
