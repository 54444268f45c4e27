import type { N8nVersion } from './n8nInstall';

/** n8n 1.x on Node 20, as many self-hosted servers run it; overrides measured on these machines. */
export const N8N_1: N8nVersion = {
	version: '1.123.81',
	overrides: { xlsx: '0.18.5', 'isolated-vm': '5.0.4' },
};

/**
 * n8n 2.x needs Node ≥ 24, installed from the npm registry's `node` package. Its install scripts
 * are skipped (a Kafka client downloads sources) and only sqlite3's native module is rebuilt.
 */
export const N8N_2: N8nVersion = {
	version: '2.41.1',
	overrides: {},
	nodeMajor: 24,
	ignoreScripts: true,
	rebuild: ['sqlite3'],
};

export const VERSIONS: Record<string, N8nVersion> = { '1': N8N_1, '2': N8N_2 };
