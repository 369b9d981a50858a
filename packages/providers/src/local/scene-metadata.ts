import type { Layer } from './layers/layer';
import { describePalette } from './palette';
import type { SceneDescription } from './prompt-reader';
import type { ScenePlan } from './scene-plan';
import { PROCEDURAL_MODEL } from './local-capabilities';

/** What the renderer understood and painted, kept with the image. */
export function sceneMetadata(
  description: SceneDescription,
  plan: ScenePlan,
  layers: readonly Layer[],
): Record<string, unknown> {
  return {
    renderer: PROCEDURAL_MODEL,
    recognised: description.recognised,
    features: [...plan.features],
    excluded: [...description.excluded],
    timeOfDay: plan.time,
    moods: description.moods,
    colours: description.colours.map((c) => (c.target === null ? c.colour : `${c.colour} ${c.target}`)),
    style: plan.look.id,
    layers: layers.map((layer) => layer.name),
    palette: describePalette(plan.palette),
  };
}
