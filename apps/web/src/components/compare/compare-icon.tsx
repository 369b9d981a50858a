import { Icon, type IconProps } from '../ui/icon';

/** A frame split down the middle. */
export const CompareIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="3" y="5" width="18" height="14" rx="2" />
    <path d="M12 3v18" />
    <path d="M5 15l3-3 2 2" />
  </Icon>
);
