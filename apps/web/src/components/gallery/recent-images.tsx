import { Link } from 'react-router';
import { imageHref } from '../../lib/links';
import { ThumbhashImage } from './thumbhash-image';
import { useGalleryImages } from './use-gallery-images';
import './gallery.css';

const SHOWN = 12;
const TILE = 160;
/** About one row at desktop width: fetched first, the rest when layout reaches them. */
const PRIORITY = 6;

/** The newest images on Create; the same cache entry as the gallery, so new results show up here too. */
export function RecentImages() {
  const { images, loading, error, retry } = useGalleryImages(undefined);
  const recent = images.slice(0, SHOWN);
  return (
    <section className="recent" aria-labelledby="recent-heading">
      <div className="section-header">
        <h2 id="recent-heading">Recent images</h2>
        {images.length > 0 && (
          <Link to="/gallery" className="link">
            See all →
          </Link>
        )}
      </div>
      {error ? (
        <p className="muted" role="alert">
          Could not load recent images.{' '}
          <button type="button" className="button button-small" onClick={retry}>
            Retry
          </button>
        </p>
      ) : loading ? (
        <p className="muted">Loading…</p>
      ) : recent.length === 0 ? (
        <p className="muted">No images yet — write a prompt above and generate your first.</p>
      ) : (
        <ul className="recent-grid">
          {recent.map((image, i) => (
            <li key={image.id}>
              <Link to={imageHref(image.id)} className="recent-tile" aria-label={image.prompt}>
                <ThumbhashImage
                  image={image}
                  displaySize={TILE}
                  fit="cover"
                  alt={image.prompt}
                  priority={i < PRIORITY}
                />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
