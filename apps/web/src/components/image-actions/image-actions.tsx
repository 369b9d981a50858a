import {
  createContext,
  lazy,
  Suspense,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useNavigate } from 'react-router';
import type { JobCard_JobFragment } from '../../gql/graphql';
import { useMenuKeyboard } from '../../hooks/use-menu-keyboard';
import { imageEditHref } from '../../lib/links';
import { BrushIcon, EnhanceIcon, RestyleIcon, VariationsIcon } from '../ui/icons';
import { Modal } from '../ui/modal';
import { useToast } from '../ui/toast';
import { LoadingState } from '../ui/view-state';
import { ACTIONS, ACTION_TITLES, type ActionImage, type DialogAction, type ImageAction } from './operations';
import '../ui/menu.css';
import './image-actions.css';

const ActionForms = lazy(() => import('./action-forms'));

interface MenuState {
  image: ActionImage;
  x: number;
  y: number;
  /** Where focus goes back to when the menu closes without an action. */
  returnFocus: HTMLElement | null;
}

interface ImageActionsApi {
  open: (action: ImageAction, image: ActionImage) => void;
  openMenu: (image: ActionImage, at: { x: number; y: number }, returnFocus?: HTMLElement | null) => void;
}

const ImageActionsContext = createContext<ImageActionsApi>({ open: () => {}, openMenu: () => {} });

export function useImageActions(): ImageActionsApi {
  return useContext(ImageActionsContext);
}

export const ACTION_ICONS: Record<ImageAction, () => ReactNode> = {
  VARIATION: () => <VariationsIcon />,
  ENHANCE: () => <EnhanceIcon />,
  RESTYLE: () => <RestyleIcon />,
  EDIT: () => <BrushIcon />,
};

function queuedMessage(job: JobCard_JobFragment): string {
  const count = job.input.count;
  switch (job.kind) {
    case 'VARIATION':
      return `Making ${count} ${count === 1 ? 'variation' : 'variations'} — follow it in Jobs.`;
    case 'ENHANCE':
      return `Enhancing${job.input.scale ? ` ×${job.input.scale}` : ''} — follow it in Jobs.`;
    case 'RESTYLE':
      return 'Restyling — follow it in Jobs.';
    // Jobs the dialogs never queue (the editor queues edits and expansions itself).
    case 'EDIT':
    case 'OUTPAINT':
    case 'ADJUST':
    case 'GENERATE':
    case 'IMPORT':
      return 'Queued — follow it in Jobs.';
  }
}

/**
 * Variations, Enhance, Restyle and Edit for any image, from anywhere: the detail page's buttons and
 * the gallery tiles' menu open the same dialogs. Edit opens the editor's page instead (its own
 * chunk, loaded only then).
 */
export function ImageActionsProvider({ children }: { children: ReactNode }) {
  const [active, setActive] = useState<{ action: DialogAction; image: ActionImage } | null>(null);
  const [menu, setMenu] = useState<MenuState | null>(null);
  const toast = useToast();
  const navigate = useNavigate();

  const open = useCallback(
    (action: ImageAction, image: ActionImage) => {
      setMenu(null);
      if (action === 'EDIT') void navigate(imageEditHref(image.id));
      else setActive({ action, image });
    },
    [navigate],
  );
  const openMenu = useCallback(
    (image: ActionImage, at: { x: number; y: number }, returnFocus: HTMLElement | null = null) =>
      setMenu({ image, ...at, returnFocus }),
    [],
  );
  const api = useMemo(() => ({ open, openMenu }), [open, openMenu]);
  const close = () => setActive(null);
  const onQueued = (job: JobCard_JobFragment) => {
    setActive(null);
    toast.show({ message: queuedMessage(job) });
  };

  const action = active?.action;
  return (
    <ImageActionsContext.Provider value={api}>
      {children}
      <Modal
        open={!!active}
        onClose={close}
        title={action ? ACTION_TITLES[action] : ''}
        className={`action-dialog${action ? ` action-dialog-${action.toLowerCase()}` : ''}`}
      >
        {active && (
          <Suspense fallback={<LoadingState label="Loading…" />}>
            <ActionForms action={active.action} image={active.image} onQueued={onQueued} onCancel={close} />
          </Suspense>
        )}
      </Modal>
      {menu && (
        <ImageActionMenu
          menu={menu}
          onPick={(picked) => open(picked, menu.image)}
          onClose={() => {
            menu.returnFocus?.focus();
            setMenu(null);
          }}
        />
      )}
    </ImageActionsContext.Provider>
  );
}

const MENU_WIDTH = 200;
const MENU_HEIGHT = 4 * 40 + 16;

/** The tile menu: at the pointer for a right-click, under the tile's button otherwise. */
function ImageActionMenu({
  menu,
  onPick,
  onClose,
}: {
  menu: MenuState;
  onPick: (action: ImageAction) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) close.current();
    };
    const onScroll = () => close.current();
    document.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('resize', onScroll);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('resize', onScroll);
    };
  }, []);

  const onKeyDown = useMenuKeyboard(ref, { onClose });

  const left = Math.max(8, Math.min(menu.x, window.innerWidth - MENU_WIDTH - 8));
  const top = Math.max(8, Math.min(menu.y, window.innerHeight - MENU_HEIGHT - 8));
  return (
    <div
      ref={ref}
      className="menu"
      role="menu"
      aria-label={`Actions for ${menu.image.prompt}`}
      style={{ left, top }}
      onKeyDown={onKeyDown}
    >
      {ACTIONS.map((action) => (
        <button
          key={action}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className="menu-item"
          onClick={() => onPick(action)}
        >
          {ACTION_ICONS[action]()}
          <span>{ACTION_TITLES[action]}…</span>
        </button>
      ))}
    </div>
  );
}
