/**
 * A field's raw value(s), from a form or JSON, checked against its rule and converted: text, integers,
 * enums, booleans, colour palettes, lists of codes and image files.
 */
import { sniffImage } from '../../src/http';
import { type FieldRule, type Fields, MAX_FILE_BYTES, palettePresets, renamedFields } from './fake-schema';

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

/** A 400 with the message the fake answers. */
export class BadRequest extends Error {}

export type Measure = (bytes: Buffer) => Promise<{ width: number; height: number }>;

/** What was sent for one field: the form parts of that name, or the JSON value. */
export type Raw = { from: 'form'; items: (string | File)[] } | { from: 'json'; value: unknown };

type RuleOf<K extends FieldRule['kind']> = Extract<FieldRule, { kind: K }>;

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

const single = (name: string, raw: Raw): unknown => {
  if (raw.from === 'json') return raw.value;
  if (raw.items.length > 1) {
    throw new BadRequest(`${name} was sent ${raw.items.length} times; it takes one value`);
  }
  return raw.items[0];
};

const text = (name: string, value: unknown): string => {
  if (typeof value !== 'string') throw new BadRequest(`${name} must be a text value`);
  return value;
};

async function convert(
  name: string,
  rule: FieldRule,
  raw: Raw,
  measure: Measure,
  strictFiles: boolean,
): Promise<Value> {
  switch (rule.kind) {
    case 'text':
      return textValue(name, rule, raw);
    case 'int':
      return intValue(name, rule, raw);
    case 'enum':
      return enumValue(name, rule, raw);
    case 'bool':
      return boolValue(name, raw);
    case 'palette':
      return paletteValue(name, raw);
    case 'texts':
      return textsValue(name, rule, raw);
    case 'file':
    case 'files':
      return fileValues(name, rule, raw, measure, strictFiles);
  }
}

function textValue(name: string, rule: RuleOf<'text'>, raw: Raw): string {
  const value = text(name, single(name, raw));
  if (rule.required && value.trim() === '') throw new BadRequest(`${name} must not be empty`);
  if (rule.pattern && !rule.pattern.test(value)) {
    throw new BadRequest(`${name} must be ${rule.patternText}`);
  }
  return value;
}

function intValue(name: string, rule: RuleOf<'int'>, raw: Raw): number {
  const value = single(name, raw);
  const number = raw.from === 'json' ? value : /^-?\d+$/.test(text(name, value)) ? Number(value) : NaN;
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    throw new BadRequest(`${name} must be an integer`);
  }
  if (number < rule.min || number > rule.max) {
    throw new BadRequest(`${name} must be between ${rule.min} and ${rule.max} (got ${number})`);
  }
  return number;
}

function enumValue(name: string, rule: RuleOf<'enum'>, raw: Raw): string {
  const value = text(name, single(name, raw));
  if (!rule.values.includes(value)) {
    throw new BadRequest(
      `${name}: "${value}" is not one of ${rule.values.join(', ')}${rule.note ? ` (${rule.note})` : ''}`,
    );
  }
  return value;
}

function boolValue(name: string, raw: Raw): boolean {
  const value = single(name, raw);
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new BadRequest(`${name} must be true or false`);
}

/** A JSON object, sent as a JSON value, a text part or a file part. */
async function paletteValue(name: string, raw: Raw): Promise<Record<string, unknown>> {
  let value = single(name, raw);
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

function textsValue(name: string, rule: RuleOf<'texts'>, raw: Raw): string[] {
  const values = raw.from === 'json' ? raw.value : raw.items;
  if (!Array.isArray(values)) throw new BadRequest(`${name} must be a list`);
  if (values.length > rule.max) throw new BadRequest(`${name} takes at most ${rule.max} values`);
  return values.map((value) => {
    if (!rule.pattern.test(text(name, value))) {
      throw new BadRequest(`${name}: "${String(value)}" is not ${rule.patternText}`);
    }
    return value as string;
  });
}

async function fileValues(
  name: string,
  rule: RuleOf<'file' | 'files'>,
  raw: Raw,
  measure: Measure,
  strictFiles: boolean,
): Promise<FilePart | FilePart[]> {
  if (raw.from === 'json') throw new BadRequest(`${name} is a file: send multipart/form-data`);
  if (raw.items.some((item) => typeof item === 'string')) {
    throw new BadRequest(`${name} must be a file part (with a filename), not a text field`);
  }
  const files = raw.items as File[];
  if (rule.kind === 'file') return filePart(name, single(name, raw) as File, measure, strictFiles);
  if (rule.max !== undefined && files.length > rule.max) {
    throw new BadRequest(`${name}: at most ${rule.max} image${rule.max === 1 ? ' is' : 's are'} supported`);
  }
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (rule.maxTotalBytes !== undefined && total > rule.maxTotalBytes) {
    throw new BadRequest(`${name}: the images add up to more than 10 MB`);
  }
  return Promise.all(files.map((file) => filePart(name, file, measure, strictFiles)));
}

/** Converts every field sent, refusing unknown ones; then checks the required ones are there. */
export async function convertAll(
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

export function jsonRaws(value: unknown, what: string): Map<string, Raw> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new BadRequest(`${what} must be a JSON object`);
  }
  return new Map<string, Raw>(
    Object.entries(value as Record<string, unknown>).map(([name, v]) => [name, { from: 'json', value: v }]),
  );
}

export function isFile(value: Value | undefined): value is FilePart {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'bytes' in value;
}
