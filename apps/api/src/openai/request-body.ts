import type { IncomingMessage } from 'node:http';
import type { Upload } from '@atelier/domain';
import { MAX_JSON_BODY_BYTES, MAX_MULTIPART_BODY_BYTES } from '../http/request-size';
import { OpenAiError } from './openai-errors';

/** The body, refused with 413 once it passes `limit` bytes (declared or sent). */
export async function readBody(req: IncomingMessage, limit = MAX_JSON_BODY_BYTES): Promise<Buffer> {
  const tooLarge = () =>
    new OpenAiError(
      413,
      'invalid_request_error',
      `The request body is larger than ${limit} bytes.`,
      'request_too_large',
    );
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export interface Form {
  fields: Record<string, string>;
  files: Record<string, Upload>;
}

/** A multipart/form-data body (parsed by the platform's own fetch implementation), within the upload limit. */
export async function readForm(req: IncomingMessage): Promise<Form> {
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new OpenAiError(
      400,
      'invalid_request_error',
      'Send the request as multipart/form-data.',
      'invalid_value',
    );
  }
  const body = await readBody(req, MAX_MULTIPART_BODY_BYTES);
  let data: FormData;
  try {
    data = await new Request('http://atelier.invalid/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: new Uint8Array(body),
    }).formData();
  } catch {
    throw new OpenAiError(
      400,
      'invalid_request_error',
      'The multipart body cannot be read.',
      'invalid_value',
    );
  }
  const form: Form = { fields: {}, files: {} };
  for (const [name, value] of data.entries()) {
    if (typeof value === 'string') form.fields[name] = value;
    else form.files[name] ??= value;
  }
  return form;
}
