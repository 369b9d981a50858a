import {
  createContext,
  lazy,
  Suspense,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { useLocation } from 'react-router';
import { Modal } from '../ui/modal';
import { useToast } from '../ui/toast';
import { LoadingState } from '../ui/view-state';
import type { GeneratePrefill } from './prefill';

// The form is a chunk of its own (pages without it load faster), fetched as soon as the browser
// is idle after the shell paints, so `g` or the header button open it at once.
const loadGenerateForm = () => import('./generate-form');
const GenerateForm = lazy(() => loadGenerateForm().then((module) => ({ default: module.GenerateForm })));

function usePrefetchWhenIdle(load: () => Promise<unknown>) {
  useEffect(() => {
    const prefetch = () => void load().catch(() => {});
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(prefetch, { timeout: 3000 });
      return () => window.cancelIdleCallback(id);
    }
    const timer = setTimeout(prefetch, 200);
    return () => clearTimeout(timer);
  }, [load]);
}

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
  usePrefetchWhenIdle(loadGenerateForm);

  return (
    <GenerateDialogContext.Provider value={api}>
      {children}
      <Modal open={isOpen} onClose={() => setOpen(false)} title="Generate" className="generate-dialog">
        <Suspense fallback={<LoadingState label="Loading…" spinner labelHidden className="page-loading" />}>
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
        </Suspense>
      </Modal>
    </GenerateDialogContext.Provider>
  );
}
