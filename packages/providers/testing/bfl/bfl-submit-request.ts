/** A submit's body, read and checked the way BFL does before it creates a task, and its price. */
import type { IncomingMessage } from 'node:http';
import { detail, readJson, Reply, unprocessable } from './bfl-http';
import { readInputImages } from './bfl-images';
import type { Size } from './bfl-model-sizes';
import { type BflModel, priceOf } from './bfl-models';
import type { BflFakeState } from './bfl-state';
import { validateBody } from './bfl-validation';

export interface SubmitRequest {
  body: Record<string, unknown>;
  /** Sizes of the decoded input images, by field. */
  inputs: Map<string, Size>;
}

export interface SubmitPrice {
  size: Size;
  inputMp: number;
  outputMp: number;
  credits: number;
}

/** The body, or the answer for a body that is not JSON, fails validation or names a missing finetune. */
export async function readSubmitRequest(
  state: BflFakeState,
  model: BflModel,
  req: IncomingMessage,
): Promise<SubmitRequest | Reply> {
  const parsed = await readJson(req);
  if (parsed instanceof Reply) return parsed;
  const issues = validateBody(model.schema, parsed.value);
  if (issues.length > 0) return unprocessable(issues);
  const body = parsed.value as Record<string, unknown>;
  const inputs = await readInputImages(
    model.imageFields,
    (field) => model.schema.fields[field]?.kind === 'image' && model.schema.fields[field].url === true,
    body,
  );
  if (typeof inputs === 'string') return detail(400, inputs);
  const finetuneId = body.finetune_id;
  if (typeof finetuneId === 'string' && !finetuneId.includes('/') && !state.finetunes.has(finetuneId)) {
    return detail(404, `Finetune ${finetuneId} not found`);
  }
  return { body, inputs };
}

const megapixels = (s: Size) => Math.round(((s.width * s.height) / 1_000_000) * 100) / 100;

/** Output size and credits; masks are not billed as input megapixels. */
export function priceRequest(model: BflModel, { body, inputs }: SubmitRequest): SubmitPrice {
  const size = model.outputSize(body, inputs);
  const inputMp = [...inputs]
    .filter(([field]) => field !== 'mask')
    .reduce((sum, [, s]) => sum + megapixels(s), 0);
  return { size, inputMp, outputMp: megapixels(size), credits: priceOf(model, inputMp, megapixels(size)) };
}
