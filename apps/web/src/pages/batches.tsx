import { Link } from 'react-router';
import { BatchList } from '../components/batch/batch-list';
import '../components/batch/batch.css';

export default function BatchesPage() {
  return (
    <div className="page batches-page">
      <header className="page-header">
        <h1>Batches</h1>
        <Link className="button button-primary" to="/batches/new">
          New batch
        </Link>
      </header>
      <BatchList />
    </div>
  );
}
