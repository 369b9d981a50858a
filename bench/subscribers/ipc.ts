import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

type Handlers = Record<string, (payload: any) => unknown>;

interface Request {
  id: number;
  call: string;
  payload: unknown;
}

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

/** Wall-clock milliseconds with sub-millisecond precision, comparable between processes. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

/** In a child: answers the parent's calls with `handlers`. */
export function serve(handlers: Handlers): void {
  process.on('message', (message: Request) => {
    Promise.resolve()
      .then(() => handlers[message.call]!(message.payload))
      .then(
        (result) => process.send!({ id: message.id, result } satisfies Reply),
        (error: unknown) =>
          process.send!({ id: message.id, error: String((error as Error)?.stack ?? error) }),
      );
  });
  process.send!({ id: 0, result: 'ready' } satisfies Reply);
}

export interface Child {
  process: ChildProcess;
  call<T = unknown>(name: string, payload?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** Starts `file` (next to this one) in a child Node process with tsx, and waits until it serves. */
export async function startChild(file: string, args: string[] = [], execArgv: string[] = []): Promise<Child> {
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), args, {
    execArgv: ['--import', 'tsx', ...execArgv],
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  let next = 1;
  const waiting = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>();
  const ready = new Promise<void>((resolve, reject) => {
    waiting.set(0, { resolve: () => resolve(), reject });
  });
  child.on('message', (reply: Reply) => {
    const waiter = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.error) waiter?.reject(new Error(reply.error));
    else waiter?.resolve(reply.result);
  });
  child.on('exit', (code) => {
    for (const waiter of waiting.values()) waiter.reject(new Error(`${file} exited (${code})`));
    waiting.clear();
  });
  await ready;
  return {
    process: child,
    call: (name, payload) =>
      new Promise((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        child.send({ id, call: name, payload } satisfies Request);
      }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // A child that was told to stop gets a moment to exit by itself (and write its profile).
      const timer = setTimeout(() => child.kill('SIGTERM'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
