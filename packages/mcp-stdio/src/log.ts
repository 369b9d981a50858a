/** Logs to stderr: stdout carries the protocol and nothing else. */
export function log(message: string): void {
  process.stderr.write(`[atelier-mcp] ${message}\n`);
}
