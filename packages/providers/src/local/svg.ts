import { hex, type Rgb } from './colour';

/** One decimal is plenty at any output size and keeps the SVG small. */
export const num = (value: number): string => String(Math.round(value * 10) / 10);

const opacityValue = (value: number): string =>
  String(Math.round(Math.max(0, Math.min(1, value)) * 1000) / 1000);

export type Point = readonly [number, number];

export function polygon(points: readonly Point[], close = true): string {
  if (points.length === 0) return '';
  const [first, ...rest] = points as [Point, ...Point[]];
  return `M${num(first[0])} ${num(first[1])}${rest.map(([x, y]) => `L${num(x)} ${num(y)}`).join('')}${close ? 'Z' : ''}`;
}

/** A circle as a path fragment, so thousands of dots share one element (elements are what cost). */
export function circle(cx: number, cy: number, r: number): string {
  return `M${num(cx - r)} ${num(cy)}a${num(r)} ${num(r)} 0 1 0 ${num(2 * r)} 0a${num(r)} ${num(r)} 0 1 0 ${num(-2 * r)} 0`;
}

export function ellipse(cx: number, cy: number, rx: number, ry: number): string {
  return `M${num(cx - rx)} ${num(cy)}a${num(rx)} ${num(ry)} 0 1 0 ${num(2 * rx)} 0a${num(rx)} ${num(ry)} 0 1 0 ${num(-2 * rx)} 0`;
}

export function rect(x: number, y: number, width: number, height: number): string {
  return `M${num(x)} ${num(y)}h${num(width)}v${num(height)}h${num(-width)}Z`;
}

export interface Stop {
  offset: number;
  colour: Rgb;
  opacity?: number;
}

function stops(list: readonly Stop[]): string {
  return list
    .map(
      (stop) =>
        `<stop offset="${num(stop.offset * 100)}%" stop-color="${hex(stop.colour)}"${
          stop.opacity === undefined ? '' : ` stop-opacity="${opacityValue(stop.opacity)}"`
        }/>`,
    )
    .join('');
}

/** A bell-shaped falloff: a linear one leaves a visible rim where it reaches zero. */
export function softStops(colour: Rgb, opacity: number): Stop[] {
  return [
    { offset: 0, colour, opacity },
    { offset: 0.2, colour, opacity: opacity * 0.82 },
    { offset: 0.4, colour, opacity: opacity * 0.5 },
    { offset: 0.6, colour, opacity: opacity * 0.22 },
    { offset: 0.8, colour, opacity: opacity * 0.06 },
    { offset: 1, colour, opacity: 0 },
  ];
}

/** A gradient between two points in user space (pixels of the full-size scene). */
export function linearGradient(id: string, from: Point, to: Point, list: readonly Stop[]): string {
  return `<linearGradient id="${id}" gradientUnits="userSpaceOnUse" x1="${num(from[0])}" y1="${num(from[1])}" x2="${num(to[0])}" y2="${num(to[1])}">${stops(list)}</linearGradient>`;
}

/** A vertical gradient relative to each shape's own box: reusable by many shapes. */
export function verticalGradient(id: string, list: readonly Stop[]): string {
  return `<linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">${stops(list)}</linearGradient>`;
}

/** A radial gradient relative to each shape's own box: one soft "puff" reusable by many ellipses. */
export function puffGradient(id: string, list: readonly Stop[]): string {
  return `<radialGradient id="${id}" cx="50%" cy="50%" r="50%">${stops(list)}</radialGradient>`;
}

export function radialGradient(id: string, centre: Point, radius: number, list: readonly Stop[]): string {
  return `<radialGradient id="${id}" gradientUnits="userSpaceOnUse" cx="${num(centre[0])}" cy="${num(centre[1])}" r="${num(radius)}">${stops(list)}</radialGradient>`;
}

export const fill = (colour: Rgb, opacity = 1): string =>
  `fill="${hex(colour)}"${opacity < 1 ? ` fill-opacity="${opacityValue(opacity)}"` : ''}`;

export const stroke = (colour: Rgb, width: number, opacity = 1): string =>
  `fill="none" stroke="${hex(colour)}" stroke-width="${num(width)}" stroke-linecap="round"${
    opacity < 1 ? ` stroke-opacity="${opacityValue(opacity)}"` : ''
  }`;

export const path = (d: string, attributes: string): string =>
  d === '' ? '' : `<path d="${d}" ${attributes}/>`;

/** One element per shape: a box-relative gradient spans the box of the whole element. */
export const each = (shapes: readonly string[], attributes: string): string =>
  shapes.map((d) => path(d, attributes)).join('');

/** A radial gradient squashed vertically by `squash`, centred in user space. */
export function ellipticalGradient(
  id: string,
  centre: Point,
  radius: number,
  squash: number,
  list: readonly Stop[],
): string {
  const [cx, cy] = centre;
  const transform = `translate(${num(cx)} ${num(cy)}) scale(1 ${Math.round(squash * 1000) / 1000}) translate(${num(-cx)} ${num(-cy)})`;
  return `<radialGradient id="${id}" gradientUnits="userSpaceOnUse" cx="${num(cx)}" cy="${num(cy)}" r="${num(radius)}" gradientTransform="${transform}">${stops(list)}</radialGradient>`;
}
