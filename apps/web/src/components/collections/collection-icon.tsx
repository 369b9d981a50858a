import type { SVGProps } from 'react';

/** A stack of frames: the collections' mark in the rail and on buttons. */
export function CollectionIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      <rect x="7" y="7" width="14" height="13" rx="2" />
      <path d="M4 16V6a2 2 0 0 1 2-2h11" />
    </svg>
  );
}
