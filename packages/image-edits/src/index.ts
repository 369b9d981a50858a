export * from './operations';
export * from './limits';
export * from './geometry';
export * from './adjustments';
export * from './looks';
export * from './validate';
export * from './serialize';
export * from './outpaint-plan';
