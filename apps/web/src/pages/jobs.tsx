import { JobHistory } from '../components/job/job-history';

export default function JobsPage() {
  return (
    <div className="page jobs-page">
      <header className="page-header">
        <h1>Jobs</h1>
      </header>
      <JobHistory />
    </div>
  );
}
