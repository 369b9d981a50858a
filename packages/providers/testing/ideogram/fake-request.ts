/** Parses a request body (JSON, multipart, or the legacy `image_request` forms) against an endpoint's schema. */
import {
  BadRequest,
  convertAll,
  type FilePart,
  isFile,
  jsonRaws,
  type Measure,
  type Raw,
  type Value,
} from './fake-field-values';
import type { EndpointSpec } from './fake-schema';

export interface ParsedRequest {
  /** Validated values by field name (for legacy endpoints, `image_request`'s fields flattened in). */
  values: Record<string, Value>;
  /** Text parts as sent (multipart), for the request log. */
  text: Record<string, string[]>;
  /** The JSON body or `image_request` part, parsed. */
  json: unknown;
  files: FilePart[];
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest(`${what} is not valid JSON`);
  }
}

type ParseOptions = { measure: Measure; strictFileParts: boolean };

/** Parses and validates a request body against an endpoint's schema; throws BadRequest. */
export async function parseRequest(
  spec: EndpointSpec,
  contentType: string | undefined,
  body: Buffer,
  options: ParseOptions,
): Promise<ParsedRequest> {
  const type = mediaType(contentType);
  const acceptsJson = spec.body === 'legacy-json' || spec.body === 'multipart-or-json';
  const acceptsMultipart = spec.body !== 'legacy-json';
  if (type === 'application/json' && acceptsJson) return parseJsonBody(spec, body, options);
  if (type !== 'multipart/form-data' || !acceptsMultipart) {
    const expected = acceptsMultipart
      ? acceptsJson
        ? 'multipart/form-data or application/json'
        : 'multipart/form-data'
      : 'application/json';
    throw new BadRequest(`Unsupported Content-Type "${type || 'none'}"; this endpoint takes ${expected}`);
  }
  return parseMultipartBody(spec, contentType!, body, options);
}

async function parseJsonBody(
  spec: EndpointSpec,
  body: Buffer,
  options: ParseOptions,
): Promise<ParsedRequest> {
  const json = parseJson(body.toString('utf8'), 'The body');
  if (spec.body === 'legacy-json') {
    const top = jsonRaws(json, 'The body');
    const extra = [...top.keys()].find((key) => key !== 'image_request');
    if (extra !== undefined) throw new BadRequest(`Unknown field "${extra}": put it inside image_request`);
    const inner = top.get('image_request');
    if (inner === undefined) throw new BadRequest('image_request is required');
    const values = await convertAll(
      spec.imageRequest!,
      jsonRaws(inner.from === 'json' ? inner.value : null, 'image_request'),
      'image_request',
      options.measure,
      options.strictFileParts,
    );
    return { values, text: {}, json, files: [] };
  }
  const values = await convertAll(
    spec.fields,
    jsonRaws(json, 'The body'),
    'the body',
    options.measure,
    false,
  );
  return { values, text: {}, json, files: [] };
}

async function parseMultipartBody(
  spec: EndpointSpec,
  contentType: string,
  body: Buffer,
  options: ParseOptions,
): Promise<ParsedRequest> {
  let form: FormData;
  try {
    form = await new Request('http://fake.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: Uint8Array.from(body),
    }).formData();
  } catch {
    throw new BadRequest('The multipart body could not be parsed');
  }
  const text: Record<string, string[]> = {};
  const raws = new Map<string, Raw>();
  for (const [name, value] of form.entries()) {
    const raw = raws.get(name) ?? { from: 'form', items: [] };
    if (raw.from === 'form') raw.items.push(value);
    raws.set(name, raw);
    if (typeof value === 'string') (text[name] ??= []).push(value);
  }
  const imageRequest =
    spec.body === 'legacy-multipart' ? await takeImageRequestPart(spec, raws, options) : null;
  const values = {
    ...imageRequest?.values,
    ...(await convertAll(spec.fields, raws, 'the form', options.measure, options.strictFileParts)),
  };
  const files = Object.values(values).flatMap((value) =>
    Array.isArray(value)
      ? value.filter((v): v is FilePart => typeof v === 'object')
      : isFile(value)
        ? [value]
        : [],
  );
  return { values, text, json: imageRequest?.json ?? null, files };
}

/** Legacy multipart: removes the `image_request` JSON part from `raws` and converts its fields. */
async function takeImageRequestPart(
  spec: EndpointSpec,
  raws: Map<string, Raw>,
  options: ParseOptions,
): Promise<{ json: unknown; values: Record<string, Value> }> {
  const part = raws.get('image_request');
  raws.delete('image_request');
  if (part === undefined || part.from !== 'form') throw new BadRequest('image_request is required');
  if (part.items.length > 1) throw new BadRequest('image_request was sent more than once');
  const item = part.items[0]!;
  if (typeof item !== 'string' && item.type !== 'application/json') {
    throw new BadRequest('image_request must be a JSON text part');
  }
  const json = parseJson(typeof item === 'string' ? item : await item.text(), 'image_request');
  const values = await convertAll(
    spec.imageRequest!,
    jsonRaws(json, 'image_request'),
    'image_request',
    options.measure,
    options.strictFileParts,
  );
  return { json, values };
}

const legacyNoStyle = ['V_1', 'V_1_TURBO'];
const legacyNegative = ['V_1', 'V_1_TURBO', 'V_2', 'V_2_TURBO'];
const legacyNoPalette = ['V_1', 'V_1_TURBO', 'V_2A', 'V_2A_TURBO'];

/** Rules that span fields (mutual exclusions, counts, sizes, model limits). */
export function checkCombinations(
  spec: EndpointSpec,
  values: Record<string, Value>,
  maxPromptLength: number,
): void {
  const has = (name: string): boolean => values[name] !== undefined;
  const list = (name: string): FilePart[] =>
    Array.isArray(values[name]) ? (values[name] as FilePart[]) : [];
  if (typeof values.prompt === 'string' && values.prompt.length > maxPromptLength) {
    throw new BadRequest(`prompt is longer than ${maxPromptLength} characters`);
  }
  if (has('aspect_ratio') && has('resolution')) {
    throw new BadRequest('aspect_ratio and resolution cannot be used together');
  }
  if (has('style_codes') && (has('style_type') || has('style_reference_images'))) {
    throw new BadRequest('style_codes cannot be combined with style_type or style_reference_images');
  }
  const characters = list('character_reference_images');
  const characterMasks = list('character_reference_images_mask');
  if (characterMasks.length > 0) {
    if (characterMasks.length !== characters.length) {
      throw new BadRequest('character_reference_images_mask needs one mask per character reference image');
    }
    characterMasks.forEach((mask, i) => {
      const image = characters[i]!;
      if (mask.width !== image.width || mask.height !== image.height) {
        throw new BadRequest('each character_reference_images_mask must be the size of its reference image');
      }
    });
  }
  const image = values.image ?? values.image_file;
  const mask = values.mask;
  if (isFile(image) && isFile(mask) && (image.width !== mask.width || image.height !== mask.height)) {
    throw new BadRequest(
      `mask must be the same size as the image (image ${image.width}x${image.height}, mask ${mask.width}x${mask.height})`,
    );
  }
  // ideogram-api.md §3.4: v3 reframe outpaints a square picture.
  if (spec.name === 'v3-reframe' && isFile(image) && image.width !== image.height) {
    throw new BadRequest(`reframe needs a square image (got ${image.width}x${image.height})`);
  }
  const model = typeof values.model === 'string' ? values.model : null;
  if (model !== null && spec.imageRequest !== undefined) {
    if (legacyNoStyle.includes(model) && has('style_type')) {
      throw new BadRequest(`style_type is not supported by ${model}`);
    }
    if (!legacyNegative.includes(model) && has('negative_prompt')) {
      throw new BadRequest(`negative_prompt is not supported by ${model}`);
    }
    if (legacyNoPalette.includes(model) && has('color_palette')) {
      throw new BadRequest(`color_palette is not supported by ${model}`);
    }
    if (legacyNoStyle.includes(model) && has('resolution')) {
      throw new BadRequest(`resolution is only supported by V_2 and newer`);
    }
  }
}
