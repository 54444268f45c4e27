// Not shipped: ordinary TypeScript rules (see harness/eslint.config.mjs).
export { default } from './harness/eslint.config.mjs';
