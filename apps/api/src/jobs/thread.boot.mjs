// Worker threads start without the parent's TypeScript loader: register tsx here, then run the
// TypeScript entry named in workerData. Plain JavaScript on purpose.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
