import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { Modal } from '../ui/modal';
import { useToast } from '../ui/toast';
import { GenerateForm } from './generate-form';

interface GenerateDialogApi {
  open: () => void;
}

const GenerateDialogContext = createContext<GenerateDialogApi>({ open: () => {} });

export function useGenerateDialog(): GenerateDialogApi {
  return useContext(GenerateDialogContext);
}

/** The Generate dialog, reachable from every page (header button, key `n`). */
export function GenerateDialogProvider({ children }: { children: ReactNode }) {
  const [isOpen, setOpen] = useState(false);
  const toast = useToast();
  const location = useLocation();
  const open = useCallback(() => setOpen(true), []);
  const api = useMemo(() => ({ open }), [open]);

  return (
    <GenerateDialogContext.Provider value={api}>
      {children}
      <Modal open={isOpen} onClose={() => setOpen(false)} title="Generate" className="generate-dialog">
        <GenerateForm
          variant="dialog"
          autoFocus
          onQueued={(job) => {
            setOpen(false);
            // On Create the job card appears in the strip; elsewhere say where to follow it.
            if (location.pathname !== '/') {
              const count = job.input.count;
              toast.show({
                message: `Queued ${count} ${count === 1 ? 'image' : 'images'} — follow it in Jobs.`,
              });
            }
          }}
        />
      </Modal>
    </GenerateDialogContext.Provider>
  );
}
