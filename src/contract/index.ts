// The contract between proxy and widget: schemas and their inferred types.
export * from './errors.js';
export * from './result-html.js';
export * from './tracking-view.js';
