export * from './auth.js';
export * from './customers.js';
export * from './activity.js';
export * from './audit.js';
export * from './imports.js';
export * from './settings.js';
export * from './rollup.js';
export * from './grading.js';
