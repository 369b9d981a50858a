import { sniffImage } from '../../src/http';
import {
  type EndpointSpec,
  type FieldRule,
  type Fields,
  MAX_FILE_BYTES,
  palettePresets,
  renamedFields,
} from './fake-schema';

export interface FilePart {
  field: string;
  filename: string;
  /** The part's declared Content-Type. */
  type: string;
  size: number;
  bytes: Buffer;
  width: number;
  height: number;
}

export type Value = string | number | boolean | string[] | FilePart | FilePart[] | Record<string, unknown>;

export interface ParsedRequest {
  /** Validated values by field name (for legacy endpoints, `image_request`'s fields flattened in). */
  values: Record<string, Value>;
  /** Text parts as sent (multipart), for the request log. */
  text: Record<string, string[]>;
  /** The JSON body or `image_request` part, parsed. */
  json: unknown;
  files: FilePart[];
}

/** A 400 with the message the fake answers. */
export class BadRequest extends Error {}

export type Measure = (bytes: Buffer) => Promise<{ width: number; height: number }>;

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function unknownField(name: string, fields: Fields, where: string): BadRequest {
  const renamed = renamedFields[name];
  const hint = renamed !== undefined && renamed in fields ? ` (this endpoint calls it "${renamed}")` : '';
  return new BadRequest(
    `Unknown field "${name}" in ${where}${hint}; expected: ${Object.keys(fields).join(', ')}`,
  );
}

function checkPalette(value: unknown): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new BadRequest('color_palette must be a JSON object');
  }
  const { name, members, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw new BadRequest(`color_palette: unknown field "${extra}"`);
  if (name !== undefined && members !== undefined) {
    throw new BadRequest('color_palette takes either name or members, not both');
  }
  if (name !== undefined) {
    if (typeof name !== 'string' || !palettePresets.includes(name)) {
      throw new BadRequest(`color_palette.name must be one of ${palettePresets.join(', ')}`);
    }
    return;
  }
  if (!Array.isArray(members) || members.length < 1 || members.length > 8) {
    throw new BadRequest('color_palette.members must hold 1 to 8 colours');
  }
  for (const member of members as unknown[]) {
    const { color_hex: hex, color_weight: weight, ...other } = (member ?? {}) as Record<string, unknown>;
    if (Object.keys(other).length > 0) throw new BadRequest('color_palette.members[]: unknown field');
    if (typeof hex !== 'string' || !/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(hex)) {
      throw new BadRequest('color_palette.members[].color_hex must look like #RGB or #RRGGBB');
    }
    if (weight !== undefined && (typeof weight !== 'number' || weight < 0.05 || weight > 1)) {
      throw new BadRequest('color_palette.members[].color_weight must be between 0.05 and 1.0');
    }
  }
}

async function filePart(name: string, file: File, measure: Measure, strict: boolean): Promise<FilePart> {
  if (file.size > MAX_FILE_BYTES) throw new BadRequest(`${name}: the file is larger than 10 MB`);
  const bytes = Buffer.from(await file.arrayBuffer());
  const sniffed = sniffImage(bytes);
  if (sniffed === null) throw new BadRequest(`${name}: not a JPEG, PNG or WebP image`);
  if (strict && file.type !== sniffed) {
    throw new BadRequest(`${name}: the part says Content-Type "${file.type}" but holds ${sniffed}`);
  }
  let size;
  try {
    size = await measure(bytes);
  } catch {
    throw new BadRequest(`${name}: the image could not be read`);
  }
  return { field: name, filename: file.name, type: file.type, size: bytes.length, bytes, ...size };
}

type Raw = { from: 'form'; items: (string | File)[] } | { from: 'json'; value: unknown };

async function convert(
  name: string,
  rule: FieldRule,
  raw: Raw,
  measure: Measure,
  strictFiles: boolean,
): Promise<Value> {
  const single = (): unknown => {
    if (raw.from === 'json') return raw.value;
    if (raw.items.length > 1) {
      throw new BadRequest(`${name} was sent ${raw.items.length} times; it takes one value`);
    }
    return raw.items[0];
  };
  const text = (value: unknown): string => {
    if (typeof value !== 'string') throw new BadRequest(`${name} must be a text value`);
    return value;
  };
  switch (rule.kind) {
    case 'text': {
      const value = text(single());
      if (rule.required && value.trim() === '') throw new BadRequest(`${name} must not be empty`);
      if (rule.pattern && !rule.pattern.test(value)) {
        throw new BadRequest(`${name} must be ${rule.patternText}`);
      }
      return value;
    }
    case 'int': {
      const value = single();
      const number = raw.from === 'json' ? value : /^-?\d+$/.test(text(value)) ? Number(value) : NaN;
      if (typeof number !== 'number' || !Number.isInteger(number)) {
        throw new BadRequest(`${name} must be an integer`);
      }
      if (number < rule.min || number > rule.max) {
        throw new BadRequest(`${name} must be between ${rule.min} and ${rule.max} (got ${number})`);
      }
      return number;
    }
    case 'enum': {
      const value = text(single());
      if (!rule.values.includes(value)) {
        throw new BadRequest(
          `${name}: "${value}" is not one of ${rule.values.join(', ')}${rule.note ? ` (${rule.note})` : ''}`,
        );
      }
      return value;
    }
    case 'bool': {
      const value = single();
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw new BadRequest(`${name} must be true or false`);
    }
    case 'palette': {
      let value = single();
      if (value instanceof File) value = await value.text();
      if (typeof value === 'string') {
        try {
          value = JSON.parse(value);
        } catch {
          throw new BadRequest(`${name} must be JSON`);
        }
      }
      checkPalette(value);
      return value as Record<string, unknown>;
    }
    case 'texts': {
      const values = raw.from === 'json' ? raw.value : raw.items;
      if (!Array.isArray(values)) throw new BadRequest(`${name} must be a list`);
      if (values.length > rule.max) throw new BadRequest(`${name} takes at most ${rule.max} values`);
      return values.map((value) => {
        if (!rule.pattern.test(text(value))) {
          throw new BadRequest(`${name}: "${String(value)}" is not ${rule.patternText}`);
        }
        return value as string;
      });
    }
    case 'file':
    case 'files': {
      if (raw.from === 'json') throw new BadRequest(`${name} is a file: send multipart/form-data`);
      if (raw.items.some((item) => typeof item === 'string')) {
        throw new BadRequest(`${name} must be a file part (with a filename), not a text field`);
      }
      const files = raw.items as File[];
      if (rule.kind === 'file') return filePart(name, single() as File, measure, strictFiles);
      if (rule.max !== undefined && files.length > rule.max) {
        throw new BadRequest(
          `${name}: at most ${rule.max} image${rule.max === 1 ? ' is' : 's are'} supported`,
        );
      }
      const total = files.reduce((sum, file) => sum + file.size, 0);
      if (rule.maxTotalBytes !== undefined && total > rule.maxTotalBytes) {
        throw new BadRequest(`${name}: the images add up to more than 10 MB`);
      }
      return Promise.all(files.map((file) => filePart(name, file, measure, strictFiles)));
    }
  }
}

async function convertAll(
  fields: Fields,
  raws: Map<string, Raw>,
  where: string,
  measure: Measure,
  strictFiles: boolean,
): Promise<Record<string, Value>> {
  const values: Record<string, Value> = {};
  for (const [name, raw] of raws) {
    const rule = fields[name];
    if (rule === undefined) throw unknownField(name, fields, where);
    if (raw.from === 'json' && (raw.value === null || raw.value === undefined)) continue;
    values[name] = await convert(name, rule, raw, measure, strictFiles);
  }
  for (const [name, rule] of Object.entries(fields)) {
    if ('required' in rule && rule.required && values[name] === undefined) {
      throw new BadRequest(`${name} is required${where === 'image_request' ? ' in image_request' : ''}`);
    }
  }
  return values;
}

function jsonRaws(value: unknown, what: string): Map<string, Raw> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new BadRequest(`${what} must be a JSON object`);
  }
  return new Map<string, Raw>(
    Object.entries(value as Record<string, unknown>).map(([name, v]) => [name, { from: 'json', value: v }]),
  );
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest(`${what} is not valid JSON`);
  }
}

/** Parses and validates a request body against an endpoint's schema; throws BadRequest. */
export async function parseRequest(
  spec: EndpointSpec,
  contentType: string | undefined,
  body: Buffer,
  options: { measure: Measure; strictFileParts: boolean },
): Promise<ParsedRequest> {
  const type = mediaType(contentType);
  const text: Record<string, string[]> = {};
  const acceptsJson = spec.body === 'legacy-json' || spec.body === 'multipart-or-json';
  const acceptsMultipart = spec.body !== 'legacy-json';

  if (type === 'application/json' && acceptsJson) {
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
      return { values, text, json, files: [] };
    }
    const values = await convertAll(
      spec.fields,
      jsonRaws(json, 'The body'),
      'the body',
      options.measure,
      false,
    );
    return { values, text, json, files: [] };
  }

  if (type !== 'multipart/form-data' || !acceptsMultipart) {
    const expected = acceptsMultipart
      ? acceptsJson
        ? 'multipart/form-data or application/json'
        : 'multipart/form-data'
      : 'application/json';
    throw new BadRequest(`Unsupported Content-Type "${type || 'none'}"; this endpoint takes ${expected}`);
  }

  let form: FormData;
  try {
    form = await new Request('http://fake.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType! },
      body: Uint8Array.from(body),
    }).formData();
  } catch {
    throw new BadRequest('The multipart body could not be parsed');
  }
  const raws = new Map<string, Raw>();
  for (const [name, value] of form.entries()) {
    const raw = raws.get(name) ?? { from: 'form', items: [] };
    if (raw.from === 'form') raw.items.push(value);
    raws.set(name, raw);
    if (typeof value === 'string') (text[name] ??= []).push(value);
  }

  let json: unknown = null;
  let imageRequestValues: Record<string, Value> = {};
  if (spec.body === 'legacy-multipart') {
    const part = raws.get('image_request');
    raws.delete('image_request');
    if (part === undefined || part.from !== 'form') throw new BadRequest('image_request is required');
    if (part.items.length > 1) throw new BadRequest('image_request was sent more than once');
    const item = part.items[0]!;
    if (typeof item !== 'string' && item.type !== 'application/json') {
      throw new BadRequest('image_request must be a JSON text part');
    }
    json = parseJson(typeof item === 'string' ? item : await item.text(), 'image_request');
    imageRequestValues = await convertAll(
      spec.imageRequest!,
      jsonRaws(json, 'image_request'),
      'image_request',
      options.measure,
      options.strictFileParts,
    );
  }
  const values = {
    ...imageRequestValues,
    ...(await convertAll(spec.fields, raws, 'the form', options.measure, options.strictFileParts)),
  };
  const files = Object.values(values).flatMap((value) =>
    Array.isArray(value)
      ? value.filter((v): v is FilePart => typeof v === 'object')
      : isFile(value)
        ? [value]
        : [],
  );
  return { values, text, json, files };
}

export function isFile(value: Value | undefined): value is FilePart {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'bytes' in value;
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
