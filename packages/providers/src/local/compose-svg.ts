import type { Layer } from './layers/layer';

/** The scene as one SVG document, drawn in full-size pixel units whatever size it is rendered at. */
export function composeSvg(width: number, height: number, layers: readonly Layer[]): string {
  const defs = layers.map((layer) => layer.defs).join('');
  const body = layers.map((layer) => `<g id="layer-${layer.name}">${layer.body}</g>`).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<defs>${defs}</defs>${body}</svg>`
  );
}
