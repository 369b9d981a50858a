import { Icon, type IconProps } from '../ui/icon';

/** A stack of frames: the collections' mark in the rail and on buttons. */
export function CollectionIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <rect x="7" y="7" width="14" height="13" rx="2" />
      <path d="M4 16V6a2 2 0 0 1 2-2h11" />
    </Icon>
  );
}
