import { parseEnv } from '../env';
import { createLogger } from '../logger';
import { prepareDatabase } from './bootstrap';

const env = parseEnv();
const database = await prepareDatabase(env, createLogger(env.LOG_LEVEL));
await database.stop();
