/**
 * Request-body validation in the shape FastAPI/pydantic v2 answers it: HTTP 422 with
 * `{"detail": [{type, loc, msg, input, ctx?}]}`.
 */

export interface ValidationIssue {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

export type FieldRule =
  | { kind: 'string'; required?: boolean; nullable?: boolean; minLength?: number; maxLength?: number }
  /** A base64 image, or also an https URL when `url` is set; checked later for decodability. */
  | { kind: 'image'; required?: boolean; nullable?: boolean; url?: boolean }
  | {
      kind: 'integer';
      required?: boolean;
      nullable?: boolean;
      ge?: number;
      le?: number;
      multipleOf?: number;
      /** 0 means "automatic" (FLUX.2 width/height) and skips the other checks. */
      zeroMeansAuto?: boolean;
    }
  | { kind: 'number'; required?: boolean; nullable?: boolean; ge?: number; le?: number }
  | { kind: 'boolean'; required?: boolean; nullable?: boolean }
  | { kind: 'literal'; required?: boolean; nullable?: boolean; values: readonly string[] }
  /** "W:H" between 21:9 and 9:21. */
  | { kind: 'aspect'; required?: boolean; nullable?: boolean };

export interface BodySchema {
  fields: Record<string, FieldRule>;
  /** pydantic `extra="forbid"` (flux-tools/outpainting-v1). */
  forbidExtra?: boolean;
  /** Cross-field rules, run when every field is valid. */
  check?: (body: Record<string, unknown>) => ValidationIssue[];
}

export function validateBody(schema: BodySchema, body: unknown): ValidationIssue[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return [
      {
        type: 'model_attributes_type',
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        input: body,
      },
    ];
  }
  const record = body as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  for (const [name, rule] of Object.entries(schema.fields)) {
    const value = record[name];
    if (value === undefined) {
      if (rule.required) {
        issues.push({ type: 'missing', loc: ['body', name], msg: 'Field required', input: record });
      }
      continue;
    }
    if (value === null) {
      if (!rule.nullable) issues.push(typeIssue(rule, name, value));
      continue;
    }
    issues.push(...checkField(rule, name, value));
  }
  if (schema.forbidExtra) {
    for (const name of Object.keys(record)) {
      if (!(name in schema.fields)) {
        issues.push({
          type: 'extra_forbidden',
          loc: ['body', name],
          msg: 'Extra inputs are not permitted',
          input: record[name],
        });
      }
    }
  }
  if (issues.length === 0 && schema.check) issues.push(...schema.check(record));
  return issues;
}

function typeIssue(rule: FieldRule, name: string, input: unknown): ValidationIssue {
  const loc = ['body', name];
  switch (rule.kind) {
    case 'string':
    case 'image':
    case 'aspect':
      return { type: 'string_type', loc, msg: 'Input should be a valid string', input };
    case 'integer':
      return { type: 'int_type', loc, msg: 'Input should be a valid integer', input };
    case 'number':
      return { type: 'float_type', loc, msg: 'Input should be a valid number', input };
    case 'boolean':
      return { type: 'bool_type', loc, msg: 'Input should be a valid boolean', input };
    case 'literal':
      return literalIssue(rule.values, name, input);
  }
}

function literalIssue(values: readonly string[], name: string, input: unknown): ValidationIssue {
  const quoted = values.map((value) => `'${value}'`);
  const expected =
    quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}` : (quoted[0] ?? '');
  return {
    type: 'literal_error',
    loc: ['body', name],
    msg: `Input should be ${expected}`,
    input,
    ctx: { expected },
  };
}

export function valueError(name: string, message: string, input: unknown): ValidationIssue {
  return {
    type: 'value_error',
    loc: ['body', name],
    msg: `Value error, ${message}`,
    input,
    ctx: { error: {} },
  };
}

function checkField(rule: FieldRule, name: string, value: unknown): ValidationIssue[] {
  const loc = ['body', name];
  switch (rule.kind) {
    case 'string':
    case 'image':
    case 'aspect': {
      if (typeof value !== 'string') return [typeIssue(rule, name, value)];
      if (rule.kind === 'string') {
        if (rule.minLength !== undefined && value.length < rule.minLength) {
          return [
            {
              type: 'string_too_short',
              loc,
              msg: `String should have at least ${rule.minLength} character${rule.minLength === 1 ? '' : 's'}`,
              input: value,
              ctx: { min_length: rule.minLength },
            },
          ];
        }
        if (rule.maxLength !== undefined && value.length > rule.maxLength) {
          return [
            {
              type: 'string_too_long',
              loc,
              msg: `String should have at most ${rule.maxLength} characters`,
              input: value,
              ctx: { max_length: rule.maxLength },
            },
          ];
        }
      }
      if (rule.kind === 'aspect') {
        const match = /^(\d+):(\d+)$/.exec(value);
        const ratio = match ? Number(match[1]) / Number(match[2]) : NaN;
        if (!match || !(ratio >= 9 / 21 - 1e-9 && ratio <= 21 / 9 + 1e-9)) {
          return [valueError(name, 'Aspect ratio must be between 21:9 and 9:21', value)];
        }
      }
      return [];
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return [typeIssue(rule, name, value)];
      if (!Number.isInteger(value)) {
        return [
          {
            type: 'int_from_float',
            loc,
            msg: 'Input should be a valid integer, got a number with a fractional part',
            input: value,
          },
        ];
      }
      if (rule.zeroMeansAuto && value === 0) return [];
      return bounds(rule, name, value);
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return [typeIssue(rule, name, value)];
      return bounds(rule, name, value);
    case 'boolean':
      return typeof value === 'boolean' ? [] : [typeIssue(rule, name, value)];
    case 'literal':
      return typeof value === 'string' && rule.values.includes(value)
        ? []
        : [literalIssue(rule.values, name, value)];
  }
}

function bounds(
  rule: { ge?: number; le?: number; multipleOf?: number },
  name: string,
  value: number,
): ValidationIssue[] {
  const loc = ['body', name];
  if (rule.ge !== undefined && value < rule.ge) {
    return [
      {
        type: 'greater_than_equal',
        loc,
        msg: `Input should be greater than or equal to ${rule.ge}`,
        input: value,
        ctx: { ge: rule.ge },
      },
    ];
  }
  if (rule.le !== undefined && value > rule.le) {
    return [
      {
        type: 'less_than_equal',
        loc,
        msg: `Input should be less than or equal to ${rule.le}`,
        input: value,
        ctx: { le: rule.le },
      },
    ];
  }
  if (rule.multipleOf !== undefined && value % rule.multipleOf !== 0) {
    return [
      {
        type: 'multiple_of',
        loc,
        msg: `Input should be a multiple of ${rule.multipleOf}`,
        input: value,
        ctx: { multiple_of: rule.multipleOf },
      },
    ];
  }
  return [];
}
