import { useLayoutEffect, type RefObject } from 'react';

/** Grows a textarea with its text (CSS caps the height); the value is the dependency. */
export function useAutosize(ref: RefObject<HTMLTextAreaElement | null>, value: string): void {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${element.scrollHeight + 2}px`;
  }, [ref, value]);
}
