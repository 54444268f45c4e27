// Not shipped: ordinary TypeScript rules (see test/harness/eslint.config.mjs).
export { default } from '../test/harness/eslint.config.mjs';
