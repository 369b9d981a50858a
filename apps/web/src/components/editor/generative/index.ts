/** What the editor mounts from here: the "Generative" tab, and `onGenerate` for anything else. */
export { GenerativePanel } from './generative-panel';
export { onGenerate } from './generate';
export type {
  GenerateContext,
  GenerateKind,
  GenerateParams,
  GenerateResult,
  GenerateStage,
} from './generate';
