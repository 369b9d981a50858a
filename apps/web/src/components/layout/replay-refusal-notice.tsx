import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { replayRefusals } from '../../lib/offline/replay-refusals';
import { useToast } from '../ui/toast';

/** Tells the person when a change they made offline was refused once sent, and undone. */
export function ReplayRefusalNotice() {
  const toast = useToast();
  const navigate = useNavigate();
  useEffect(
    () =>
      replayRefusals.subscribe((refusal) => {
        const imageId = refusal.imageId;
        toast.show({
          tone: 'error',
          message: `${refusal.what} made offline was refused and undone: ${refusal.reason}`,
          ...(imageId && {
            action: {
              label: 'Open the image',
              onClick: () => void navigate(`/images/${encodeURIComponent(imageId)}`),
            },
          }),
        });
      }),
    [toast, navigate],
  );
  return null;
}
