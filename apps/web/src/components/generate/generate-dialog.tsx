import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { Modal } from '../ui/modal';
import { useToast } from '../ui/toast';
import { GenerateForm } from './generate-form';
import type { GeneratePrefill } from './prefill';

interface GenerateDialogApi {
  open: () => void;
  /** Opens a fresh form with these values filled in (see prefill.ts). */
  openWith: (prefill?: GeneratePrefill) => void;
}

const GenerateDialogContext = createContext<GenerateDialogApi>({ open: () => {}, openWith: () => {} });

export function useGenerateDialog(): GenerateDialogApi {
  return useContext(GenerateDialogContext);
}

/** Opens the Generate dialog with fields filled in (see prefill.ts). */
export function useOpenGenerate(): (prefill?: GeneratePrefill) => void {
  return useGenerateDialog().openWith;
}

/** The Generate dialog, reachable from every page (header button, key `n`). */
export function GenerateDialogProvider({ children }: { children: ReactNode }) {
  const [isOpen, setOpen] = useState(false);
  const toast = useToast();
  const location = useLocation();
  const [prefill, setPrefill] = useState<{ values?: GeneratePrefill; key: number }>({ key: 0 });
  // A plain opening starts blank: the values of an earlier prefilled one must not come back.
  const open = useCallback(() => {
    setPrefill((previous) => (previous.values ? { key: previous.key + 1 } : previous));
    setOpen(true);
  }, []);
  const openWith = useCallback((values?: GeneratePrefill) => {
    setPrefill((previous) => ({ values, key: previous.key + 1 }));
    setOpen(true);
  }, []);
  const api = useMemo(() => ({ open, openWith }), [open, openWith]);

  return (
    <GenerateDialogContext.Provider value={api}>
      {children}
      <Modal open={isOpen} onClose={() => setOpen(false)} title="Generate" className="generate-dialog">
        <GenerateForm
          key={prefill.key}
          prefill={prefill.values}
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
