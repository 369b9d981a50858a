import { useState } from 'react';
import { GridIcon, JustifiedIcon } from '../ui/icons';
import type { GalleryLayout } from './gallery-grid';
import './gallery.css';

export const GALLERY_LAYOUT_KEY = 'atelier.galleryLayout';

function savedLayout(): GalleryLayout {
  try {
    return window.localStorage.getItem(GALLERY_LAYOUT_KEY) === 'justified' ? 'justified' : 'square';
  } catch {
    return 'square';
  }
}

/** The gallery's layout, remembered on this browser. */
export function useGalleryLayout(): [GalleryLayout, (layout: GalleryLayout) => void] {
  const [layout, setLayout] = useState<GalleryLayout>(savedLayout);
  const choose = (next: GalleryLayout) => {
    setLayout(next);
    try {
      window.localStorage.setItem(GALLERY_LAYOUT_KEY, next);
    } catch {
      // The choice still applies to this page.
    }
  };
  return [layout, choose];
}

const CHOICES: readonly { layout: GalleryLayout; label: string; Icon: typeof GridIcon }[] = [
  { layout: 'square', label: 'Square tiles', Icon: GridIcon },
  { layout: 'justified', label: 'Justified rows (whole images)', Icon: JustifiedIcon },
];

export function LayoutToggle({
  layout,
  onChange,
}: {
  layout: GalleryLayout;
  onChange: (l: GalleryLayout) => void;
}) {
  return (
    <div className="layout-toggle" role="group" aria-label="Gallery layout">
      {CHOICES.map(({ layout: choice, label, Icon }) => (
        <button
          key={choice}
          type="button"
          className="icon-button"
          aria-pressed={layout === choice}
          aria-label={label}
          title={label}
          onClick={() => onChange(choice)}
        >
          <Icon />
        </button>
      ))}
    </div>
  );
}
