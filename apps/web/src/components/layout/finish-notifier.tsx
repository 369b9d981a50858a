import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import type { JobCard_JobFragment } from '../../gql/graphql';
import { JobCard_JobById } from '../job/job-card';
import { useJobSession } from '../job/job-session';
import { useToast } from '../ui/toast';
import {
  mayOfferNotifications,
  notificationsWanted,
  rememberOffered,
  turnOnNotifications,
} from './finish-notifier-preference';

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELED']);
const COUNTED = /^\(\d+\) /;

function finishedWords(job: JobCard_JobFragment): string {
  const count = job.images.length;
  if (job.status === 'SUCCEEDED') return `${count} ${count === 1 ? 'image is' : 'images are'} ready`;
  if (job.status === 'FAILED') return 'A job failed';
  return count > 0
    ? `A job was canceled; ${count} ${count === 1 ? 'image was' : 'images were'} kept`
    : 'A job was canceled';
}

/**
 * When a job of this tab finishes while the tab is hidden: a count in the tab title ("(2) Atelier"),
 * cleared on return, and a browser notification once the person has allowed them (and not turned
 * them off in Settings). The permission is asked for from a toast after the first job that
 * finishes, or from Settings, never on load.
 */
export function FinishNotifier() {
  const { ids } = useJobSession();
  const toast = useToast();
  const [unseen, setUnseen] = useState(0);

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') setUnseen(0);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

  useEffect(() => {
    const plain = document.title.replace(COUNTED, '');
    document.title = unseen > 0 ? `(${unseen}) ${plain}` : plain;
  }, [unseen]);

  const onFinished = useCallback(
    (job: JobCard_JobFragment) => {
      if (document.visibilityState === 'hidden') {
        setUnseen((n) => n + 1);
        if (notificationsWanted()) {
          const notice = new Notification(finishedWords(job), { body: job.input.prompt, tag: job.id });
          notice.onclick = () => {
            window.focus();
            notice.close();
          };
        }
        return;
      }
      if (!mayOfferNotifications()) return;
      rememberOffered();
      toast.show({
        message: 'Want a browser notification when a job finishes while Atelier is in the background?',
        action: { label: 'Turn on', onClick: () => void turnOnNotifications() },
      });
    },
    [toast],
  );

  return (
    <>
      {ids.map((id) => (
        <FinishWatch key={id} id={id} onFinished={onFinished} />
      ))}
    </>
  );
}

/** Calls onFinished once, when this job is seen to move from queued or running to its end. */
function FinishWatch({ id, onFinished }: { id: string; onFinished: (job: JobCard_JobFragment) => void }) {
  const [{ data }] = useQuery({ query: JobCard_JobById, variables: { id }, requestPolicy: 'cache-only' });
  const job = data?.job;
  const wasActive = useRef(false);
  useEffect(() => {
    if (!job) return;
    if (!TERMINAL.has(job.status)) wasActive.current = true;
    else if (wasActive.current) {
      wasActive.current = false;
      onFinished(job);
    }
  }, [job, onFinished]);
  return null;
}
