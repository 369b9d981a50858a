export * from './capabilities';
export * from './errors';
export * from './image-provider';
export { createLocalProvider, type LocalProviderOptions } from './local/local.provider';
