/** The fake's log of API requests: what each one sent and how it was answered. */
import type { IncomingMessage } from 'node:http';

export interface IdeogramFakeFile {
  field: string;
  filename: string;
  type: string;
  size: number;
  width: number;
  height: number;
  bytes: Buffer;
}

export interface IdeogramFakeRequest {
  method: string;
  path: string;
  /** null while running; 0 when the fake dropped the connection. */
  status: number | null;
  contentType: string | null;
  apiKey: string | null;
  authorization: string | null;
  /** Text parts as sent, by name (repeated fields keep every value). */
  fields: Record<string, string[]>;
  /** A JSON body or `image_request` part, parsed. */
  json: unknown;
  files: IdeogramFakeFile[];
  numImages: number | null;
  scenario: string | null;
}

/** A log entry for `req`, before its body is read. */
export function logEntry(req: IncomingMessage, path: string): IdeogramFakeRequest {
  const header = (name: string): string | null => {
    const value = req.headers[name];
    return typeof value === 'string' ? value : null;
  };
  return {
    method: req.method ?? 'GET',
    path,
    status: null,
    contentType: header('content-type'),
    apiKey: header('api-key'),
    authorization: header('authorization'),
    fields: {},
    json: null,
    files: [],
    numImages: null,
    scenario: null,
  };
}
