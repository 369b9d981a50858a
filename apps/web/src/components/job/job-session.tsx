import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

interface JobRef {
  id: string;
  createdAt: string;
}

interface JobSession {
  /** Jobs seen in this tab (submitted here, or active when it loaded), newest first, until dismissed. */
  ids: readonly string[];
  add: (jobs: readonly JobRef[]) => void;
  dismiss: (id: string) => void;
  /** Jobs of this tab that failed and that the person has not looked at yet (the badge counts them). */
  failures: readonly string[];
  /** Records a failure; true only the first time for a job, so it is announced once. */
  noteFailure: (id: string) => boolean;
  /** The person has seen the failures (opened the Jobs list or page). */
  seeFailures: () => void;
}

const JobSessionContext = createContext<JobSession | null>(null);

export function JobSessionProvider({ children }: { children: ReactNode }) {
  const [jobs, setJobs] = useState<ReadonlyMap<string, string>>(new Map());
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());

  const add = useCallback((added: readonly JobRef[]) => {
    setJobs((prev) => {
      const fresh = added.filter((job) => !prev.has(job.id));
      if (fresh.length === 0) return prev;
      const next = new Map(prev);
      for (const job of fresh) next.set(job.id, job.createdAt);
      return next;
    });
  }, []);
  const dismiss = useCallback((id: string) => setDismissed((prev) => new Set(prev).add(id)), []);
  const [failures, setFailures] = useState<readonly string[]>([]);
  const noted = useRef(new Set<string>());
  const noteFailure = useCallback((id: string) => {
    if (noted.current.has(id)) return false;
    noted.current.add(id);
    setFailures((prev) => [...prev, id]);
    return true;
  }, []);
  const seeFailures = useCallback(() => setFailures((prev) => (prev.length === 0 ? prev : [])), []);

  const ids = useMemo(
    () =>
      [...jobs]
        .filter(([id]) => !dismissed.has(id))
        .sort(([, a], [, b]) => (a < b ? 1 : a > b ? -1 : 0))
        .map(([id]) => id),
    [jobs, dismissed],
  );
  const value = useMemo(
    () => ({ ids, add, dismiss, failures, noteFailure, seeFailures }),
    [ids, add, dismiss, failures, noteFailure, seeFailures],
  );
  return <JobSessionContext.Provider value={value}>{children}</JobSessionContext.Provider>;
}

export function useJobSession(): JobSession {
  const session = useContext(JobSessionContext);
  if (!session) throw new Error('useJobSession needs a JobSessionProvider');
  return session;
}
