export * from './errors';
export * from './define';
export * from './calls';
export * from './events';
export * from './limits';
