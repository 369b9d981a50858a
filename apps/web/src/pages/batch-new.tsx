import { BatchForm } from '../components/batch/batch-form';
import '../components/batch/batch.css';

export default function NewBatchPage() {
  return (
    <div className="page batch-new-page">
      <header className="page-header">
        <h1>New batch</h1>
      </header>
      <BatchForm />
    </div>
  );
}
