import { Link } from 'react-router';

export default function NotFoundPage() {
  return (
    <div className="page page-narrow empty-state">
      <h1>Nothing here</h1>
      <p>
        This address does not match a page. Go to <Link to="/">Create</Link> or the{' '}
        <Link to="/gallery">Gallery</Link>.
      </p>
    </div>
  );
}
