import { z } from 'zod';

/* eslint-disable no-control-regex -- matching control characters is the point */
// Tabs and newlines are fine in a prompt; other control characters are never intended.
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const anyControlCharacter = /[\u0000-\u001F\u007F]/;
/* eslint-enable no-control-regex */

/** A provider id as requests name it. */
export const providerId = z.string().min(1).max(64);

/** Free text such as a prompt: any printable text, tabs and newlines, up to `max` characters. */
export const freeText = (field: string, max: number) =>
  z
    .string()
    .max(max, `${field} must be at most ${max} characters`)
    .refine((value) => !controlCharacters.test(value), `${field} must not contain control characters`);

/** A name shown in lists: one trimmed, non-empty line of printable text. */
export const nameText = (field: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `enter a ${field}`)
    .max(max, `use at most ${max} characters`)
    .refine((value) => !anyControlCharacter.test(value), `${field} must not contain control characters`);
