import { RecentImages } from '../components/gallery/recent-images';
import { GenerateForm } from '../components/generate/generate-form';
import { JobStrip } from '../components/job/job-strip';

export default function CreatePage() {
  return (
    <div className="page create-page">
      <h1 className="visually-hidden">Create</h1>
      <GenerateForm variant="page" />
      <JobStrip />
      <RecentImages />
    </div>
  );
}
