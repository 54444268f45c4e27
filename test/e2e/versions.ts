import type { N8nVersion } from './n8nInstall';

/** n8n 1.x on Node 20, as many self-hosted servers run it; overrides measured on these machines. */
export const N8N_1: N8nVersion = { version: '1.123.81', overrides: { xlsx: '0.18.5', 'isolated-vm': '5.0.4' } };
