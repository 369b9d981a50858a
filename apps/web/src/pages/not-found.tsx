import { Link } from 'react-router';
import { EmptyState } from '../components/ui/view-state';

export default function NotFoundPage() {
  return (
    <EmptyState title="Nothing here" level={1} className="page page-narrow">
      This address does not match a page. Go to <Link to="/">Create</Link> or the{' '}
      <Link to="/gallery">Gallery</Link>.
    </EmptyState>
  );
}
