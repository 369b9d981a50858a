import { graphql } from '../../gql';
import type { UseAllParameters_ImageFragment, UseAllParameters_JobFragment } from '../../gql/graphql';
import { ReuseIcon } from '../ui/icons';
import { useOpenGenerate } from './generate-dialog';
import type { GeneratePrefill, PrefillSettings } from './prefill';

export const UseAllParameters_Image = graphql(`
  fragment UseAllParameters_Image on Image {
    prompt
    negativePrompt
    style
    seed
    provider
    model
    width
    height
    params
  }
`);

export const UseAllParameters_Job = graphql(`
  fragment UseAllParameters_Job on Job {
    input {
      prompt
      negativePrompt
      provider
      model
      count
      width
      height
      aspectRatio
      quality
      style
      seed
      steps
      magicPrompt
      fallbackProviders
    }
  }
`);

type Params = Record<string, unknown>;

const text = (value: unknown): string | undefined =>
  typeof value === 'number' || (typeof value === 'string' && value !== '') ? String(value) : undefined;

/** Drops the fields the source did not have, so the form keeps its own for them. */
function defined(settings: Record<string, string | string[] | undefined>): PrefillSettings {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

/** Everything an image was made with, as Generate form values. */
export function prefillFromImage(image: UseAllParameters_ImageFragment): GeneratePrefill {
  const params = (image.params ?? {}) as Params;
  return {
    prompt: image.prompt,
    negativePrompt: image.negativePrompt ?? '',
    settings: defined({
      provider: image.provider,
      model: image.model,
      // The params record what was asked for; the file's own size is the fallback (imports).
      width: text(params.width) ?? String(image.width),
      height: text(params.height) ?? String(image.height),
      aspectRatio: text(params.aspectRatio),
      quality: text(params.quality),
      steps: text(params.steps),
      style: image.style ?? undefined,
      seed: text(image.seed),
      // An image recorded without its job's count was one picture.
      count: text(params.count) ?? '1',
      magicPrompt: text(params.magicPrompt),
    }),
  };
}

/** Everything a job asked for, as Generate form values. */
export function prefillFromJob(job: UseAllParameters_JobFragment): GeneratePrefill {
  const input = job.input;
  return {
    prompt: input.prompt,
    negativePrompt: input.negativePrompt ?? '',
    settings: defined({
      provider: input.provider,
      model: input.model ?? undefined,
      width: text(input.width),
      height: text(input.height),
      aspectRatio: text(input.aspectRatio),
      quality: text(input.quality),
      steps: text(input.steps),
      style: input.style ?? undefined,
      seed: text(input.seed),
      count: text(input.count),
      magicPrompt: text(input.magicPrompt),
      fallbackProviders: input.fallbackProviders.length > 0 ? input.fallbackProviders : undefined,
    }),
  };
}

interface UseAllParametersButtonProps {
  prefill: GeneratePrefill;
  small?: boolean;
  /** Names what the parameters come from, for screen readers: "image" or "job: <prompt>". */
  source: string;
}

/** Opens the Generate dialog filled with every parameter of an image or a job. */
export function UseAllParametersButton({ prefill, small = false, source }: UseAllParametersButtonProps) {
  const openGenerate = useOpenGenerate();
  return (
    <button
      type="button"
      className={`button${small ? ' button-small' : ''}`}
      aria-label={`Use all parameters of this ${source}`}
      title="Open Generate with the prompt and every parameter filled in"
      onClick={() => openGenerate(prefill)}
    >
      {!small && <ReuseIcon />}
      <span>Use all parameters</span>
    </button>
  );
}
