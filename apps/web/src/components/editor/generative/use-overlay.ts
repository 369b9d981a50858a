import { useEffect } from 'react';
import { useEditor, type EditorOverlay } from '../editor-context';

/** Shows `overlay` over the picture while the calling panel is mounted (and as it changes). */
export function useOverlay(overlay: EditorOverlay) {
  const { setOverlay } = useEditor();
  useEffect(() => setOverlay(overlay), [overlay, setOverlay]);
  useEffect(() => () => setOverlay(null), [setOverlay]);
}
