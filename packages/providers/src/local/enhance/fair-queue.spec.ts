import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../errors';
import { createFairQueue } from './fair-queue';

/** Tasks that end when the test says so, recording the order they were started in. */
function manualTasks() {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const start = (name: string) =>
    new Promise<string>((resolve) => {
      started.push(name);
      finishers.set(name, () => resolve(name));
    });
  const finish = async (name: string) => {
    finishers.get(name)?.();
    // Let the queue see the settlement and start the next task.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { started, start, finish };
}

const open = () => new AbortController().signal;

describe('fair queue', () => {
  it('runs at most as many tasks as it has slots', async () => {
    const tasks = manualTasks();
    const queue = createFairQueue(2, tasks.start);
    const job = {};
    const results = ['a1', 'a2', 'a3'].map((name) => queue.run(job, name, open()));
    expect(tasks.started).toEqual(['a1', 'a2']);
    expect(queue.running).toBe(2);
    await tasks.finish('a1');
    expect(tasks.started).toEqual(['a1', 'a2', 'a3']);
    await tasks.finish('a2');
    await tasks.finish('a3');
    expect(await Promise.all(results)).toEqual(['a1', 'a2', 'a3']);
    expect(queue.running).toBe(0);
  });

  it('takes turns between jobs instead of finishing the first job first', async () => {
    const tasks = manualTasks();
    const queue = createFairQueue(2, tasks.start);
    const [first, second] = [{}, {}];
    const all = [
      ...['a1', 'a2', 'a3', 'a4', 'a5'].map((name) => queue.run(first, name, open())),
      ...['b1', 'b2', 'b3'].map((name) => queue.run(second, name, open())),
    ];
    for (const name of ['a1', 'a2', 'a3', 'b1', 'a4', 'b2', 'a5', 'b3']) await tasks.finish(name);
    await Promise.all(all);
    // The second job's first task takes the first slot that frees, then the jobs alternate.
    expect(tasks.started).toEqual(['a1', 'a2', 'b1', 'a3', 'b2', 'a4', 'b3', 'a5']);
  });

  it('drops a job’s waiting tasks when it is cancelled, and keeps serving the others', async () => {
    const tasks = manualTasks();
    const queue = createFairQueue(1, tasks.start);
    const [first, second] = [{}, {}];
    const cancel = new AbortController();
    const a = ['a1', 'a2', 'a3'].map((name) => queue.run(first, name, cancel.signal));
    const b = ['b1', 'b2'].map((name) => queue.run(second, name, open()));
    cancel.abort();
    // The running task finishes; the waiting ones fail at once with CANCELED.
    await expect(a[1]).rejects.toBeInstanceOf(ProviderError);
    await expect(a[2]).rejects.toMatchObject({ code: 'CANCELED' });
    await tasks.finish('a1');
    await expect(a[0]).resolves.toBe('a1');
    await tasks.finish('b1');
    await tasks.finish('b2');
    expect(await Promise.all(b)).toEqual(['b1', 'b2']);
    expect(tasks.started).toEqual(['a1', 'b1', 'b2']);
  });

  it('fails only the task whose start throws', async () => {
    const queue = createFairQueue(1, (name: string) => {
      if (name === 'bad') throw new Error('cannot start');
      return Promise.resolve(name);
    });
    const job = {};
    const bad = queue.run(job, 'bad', open());
    const good = queue.run(job, 'good', open());
    await expect(bad).rejects.toThrow('cannot start');
    await expect(good).resolves.toBe('good');
  });
});
