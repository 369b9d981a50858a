/**
 * `attachment` with the name twice: plain for old clients, RFC 5987-encoded for the rest. Names are
 * made of safe ASCII already (see download-names); quotes and backslashes are dropped regardless.
 */
export function attachment(name: string): string {
  const plain = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${plain}"; filename*=UTF-8''${encoded}`;
}
