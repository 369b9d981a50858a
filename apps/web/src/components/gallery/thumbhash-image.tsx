import { useState, type CSSProperties } from 'react';
import { useThumbhashPlaceholder } from '../../hooks/use-thumbhash-placeholder';
import './thumbhash-image.css';

interface Rendition {
  url: string;
  width: number;
  height: number;
}

interface ThumbhashImageProps {
  image: {
    url: string;
    width: number;
    height: number;
    thumbhash?: string | null;
    thumbnails: readonly Rendition[];
  };
  /** The box the image is drawn into, in CSS pixels (square for tiles). */
  displaySize: number;
  fit: 'cover' | 'contain';
  alt: string;
  className?: string;
  /** On the first screen: fetched at once and first, not when layout finds it in view. */
  priority?: boolean;
}

/** How wide the image is drawn, so `sizes` lets the browser pick the right thumbnail. */
export function renderedWidth(width: number, height: number, box: number, fit: 'cover' | 'contain'): number {
  const landscape = width >= height;
  const scaleToWidth = fit === 'cover' ? !landscape : landscape;
  return Math.ceil(scaleToWidth ? box : (box * width) / height);
}

/**
 * A lazily loaded thumbnail over its ThumbHash placeholder. The box keeps the image's aspect ratio
 * from metadata, so nothing moves when the file arrives.
 */
export function ThumbhashImage({
  image,
  displaySize,
  fit,
  alt,
  className,
  priority = false,
}: ThumbhashImageProps) {
  const [loaded, setLoaded] = useState(false);
  const placeholder = useThumbhashPlaceholder(image.thumbhash);
  const srcSet = image.thumbnails.map((t) => `${t.url} ${t.width}w`).join(', ');
  const fallback = image.thumbnails[0]?.url ?? image.url;
  const style: CSSProperties = placeholder ? { backgroundImage: `url("${placeholder}")` } : {};
  return (
    // A first-screen image shows as it arrives: waiting for its load event and a render to fade it in
    // kept the largest paint of the page back by the busiest moment of the main thread.
    <span
      className={`thumb thumb-${fit} ${className ?? ''}`}
      style={style}
      data-loaded={loaded || priority || undefined}
    >
      {
        <img
          src={fallback}
          srcSet={srcSet}
          sizes={`${renderedWidth(image.width, image.height, displaySize, fit)}px`}
          width={image.width}
          height={image.height}
          alt={alt}
          loading={priority ? 'eager' : 'lazy'}
          {...(priority && { fetchPriority: 'high' as const })}
          decoding="async"
          onLoad={() => setLoaded(true)}
        />
      }
    </span>
  );
}
