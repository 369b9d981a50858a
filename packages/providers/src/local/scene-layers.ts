import {
  paintBirds,
  paintFog,
  paintLightning,
  paintRain,
  paintSnowfall,
  paintVignette,
} from './layers/atmosphere';
import { paintCelestial } from './layers/celestial';
import { paintClouds } from './layers/clouds';
import { paintFarLand, paintGround } from './layers/land';
import type { Layer, Painter } from './layers/layer';
import { paintAurora, paintRainbow, paintSky, paintStars } from './layers/sky';
import { paintBuildings, paintCastle, paintCity, paintLighthouse } from './layers/structures';
import { paintWaterfall } from './layers/waterfall';
import { paintFlowers, paintForeground, paintForest, paintRoad, paintTrees } from './layers/vegetation';
import { paintBoats, paintIsland, paintRiver, paintWater, paintWaves } from './layers/water';
import type { ScenePlan } from './scene-plan';

/**
 * Back to front. Water comes before the land that stands in it, because each standing thing
 * draws its own reflection; ripples and glitter come after the far reflections and before
 * anything that stands nearer in the water.
 */
const painters: readonly Painter[] = [
  paintSky,
  paintStars,
  paintAurora,
  paintCelestial,
  paintRainbow,
  paintClouds,
  paintWater,
  paintFarLand,
  paintCity,
  paintWaves,
  paintIsland,
  paintGround,
  paintWaterfall,
  paintForest,
  paintCastle,
  paintBuildings,
  paintLighthouse,
  paintBoats,
  paintRiver,
  paintRoad,
  paintForeground,
  paintFlowers,
  paintTrees,
  paintBirds,
  paintLightning,
  paintFog,
  paintRain,
  paintSnowfall,
  paintVignette,
];

export function sceneLayers(plan: ScenePlan): Layer[] {
  return painters.map((paint) => paint(plan)).filter((layer): layer is Layer => layer !== null);
}
