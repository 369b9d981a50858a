import { hex, mix, type Rgb } from '../colour';
import type { ScenePlan } from '../scene-plan';
import { num, polygon, type Point } from '../svg';

/** One step of the painting: its gradients and filters, and its shapes. */
export interface Layer {
  name: string;
  defs: string;
  body: string;
}

export type Painter = (plan: ScenePlan) => Layer | null;

export const layer = (name: string, body: string, defs = ''): Layer | null =>
  body === '' ? null : { name, body, defs };

/** Neon outline along a silhouette's edge; nothing in other styles. */
export function outline(plan: ScenePlan, points: readonly Point[], index: number, closed = false): string {
  const colours = plan.palette.neon;
  if (!plan.look.outlines || colours.length === 0) return '';
  const colour = colours[index % colours.length] as Rgb;
  return `<path d="${polygon(points, closed)}" fill="none" stroke="${hex(colour)}" stroke-width="${num(
    plan.unit * 2.2,
  )}" stroke-linejoin="round" stroke-linecap="round"/>`;
}

/** Outline for shapes already written as path data. */
export function outlinePath(plan: ScenePlan, d: string, index: number): string {
  const colours = plan.palette.neon;
  if (!plan.look.outlines || colours.length === 0 || d === '') return '';
  const colour = colours[index % colours.length] as Rgb;
  return `<path d="${d}" fill="none" stroke="${hex(colour)}" stroke-width="${num(plan.unit * 1.8)}" stroke-linejoin="round"/>`;
}

/** The sky's colour at a height, matching the sky gradient. */
export function skyColourAt(plan: ScenePlan, y: number): Rgb {
  const t = Math.max(0, Math.min(1, y / plan.horizon));
  const p = plan.palette;
  return t < 0.55 ? mix(p.skyTop, p.skyMid, t / 0.55) : mix(p.skyMid, p.skyHorizon, (t - 0.55) / 0.45);
}

/** Mirror image in still water, about the line where the thing meets the water. */
export const mirror = (points: readonly Point[], waterline: number): Point[] =>
  points.map(([x, y]) => [x, 2 * waterline - y] as const);

/** How clearly still water mirrors things: rough water breaks reflections up. */
export const reflectionStrength = (plan: ScenePlan): number =>
  plan.water === null ? 0 : 0.55 * (1 - plan.wind * 0.7);
