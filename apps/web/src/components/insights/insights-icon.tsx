import { Icon, type IconProps } from '../ui/icon';

/** Bars rising: Insights in the rail. */
export function InsightsIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M4 20h16" />
      <path d="M7 16v-4M12 16V6M17 16v-7" />
    </Icon>
  );
}
