import { listProviders } from './providers.tools';

/** Every tool the MCP door offers, in the order a model reads them. */
export const atelierTools = [listProviders] as const;
