import { JobCard } from './job-card';
import { useJobSession } from './job-session';
import './jobs.css';

/** The live jobs on Create, where their images will land. */
export function JobStrip() {
  const { ids, dismiss } = useJobSession();
  if (ids.length === 0) return null;
  return (
    <section className="job-strip" aria-label="Jobs">
      {ids.map((id) => (
        <JobCard key={id} id={id} onDismiss={dismiss} />
      ))}
    </section>
  );
}
