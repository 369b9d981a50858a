import { useEffect, useState } from 'react';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA';
}

/**
 * Files dragged onto the app from outside, or images pasted, go to `onFiles`; returns whether files
 * are being dragged over the app (to show the drop zone). Drags that start in the page (a gallery
 * tile onto a collection) are the page's own; text pasted into a field stays text.
 */
export function useFileDropAndPaste(onFiles: (files: File[]) => void): boolean {
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    let depth = 0;
    let fromPage = false;
    const outside = (event: DragEvent) => !fromPage && carriesFiles(event);
    const start = () => {
      fromPage = true;
    };
    const end = () => {
      fromPage = false;
    };
    const enter = (event: DragEvent) => {
      if (!outside(event)) return;
      depth += 1;
      setDragging(true);
    };
    const over = (event: DragEvent) => {
      if (!outside(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!outside(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!outside(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      onFiles([...(event.dataTransfer?.files ?? [])]);
    };
    const paste = (event: ClipboardEvent) => {
      const data = event.clipboardData;
      const images = [...(data?.files ?? [])].filter((file) => file.type.startsWith('image/'));
      if (images.length === 0) return;
      if (isTextField(event.target) && data?.types.includes('text/plain')) return;
      event.preventDefault();
      onFiles(images);
    };
    window.addEventListener('dragstart', start);
    window.addEventListener('dragend', end);
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    window.addEventListener('paste', paste);
    return () => {
      window.removeEventListener('dragstart', start);
      window.removeEventListener('dragend', end);
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
      window.removeEventListener('paste', paste);
    };
  }, [onFiles]);

  return dragging;
}
