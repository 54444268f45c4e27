import type { N8nVersion } from './n8nInstall';

/** What n8n 1.x needs to install on these machines (1.50.2, 1.70.0, 1.82.3, 1.94.1, 1.123.81 do with these). */
const N8N_1_OVERRIDES = { xlsx: '0.18.5', 'isolated-vm': '5.0.4' };

/** n8n 1.x on Node 20, as many self-hosted servers run it; overrides measured on these machines. */
export const N8N_1: N8nVersion = { version: '1.123.81', overrides: N8N_1_OVERRIDES };

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

/**
 * The oldest n8n this package supports, and the n8n-workflow it ships (installed as the dev
 * dependency n8n-workflow-floor, which `npm test` checks the build against).
 */
export const FLOOR: N8nVersion & { n8nWorkflow: string } = {
	version: '1.70.0',
	n8nWorkflow: '1.69.0',
	overrides: N8N_1_OVERRIDES,
};

/**
 * Older releases a self-hoster may still run, each beside a change that matters to this node:
 * 1.82.3's n8n-workflow (1.80.1) lacks NodeConnectionTypes, 1.94.1's (1.92.0) lacks
 * isSafeObjectProperty, 2.0.3 is the first 2.x. 2.0.3's xlsx is a CDN tarball off the registry,
 * hence the override.
 */
export const OLDER: N8nVersion[] = [
	FLOOR,
	{ version: '1.82.3', overrides: N8N_1_OVERRIDES },
	{ version: '1.94.1', overrides: N8N_1_OVERRIDES },
	{ ...N8N_2, version: '2.0.3', overrides: { xlsx: '0.18.5' } },
];

/** The pinned release of each major: what e2e, the editor test, the bench and the dev server run. */
export const VERSIONS: Record<string, N8nVersion> = { '1': N8N_1, '2': N8N_2 };

/** Every release the e2e matrix runs (`npm run test:e2e -- --matrix`), oldest first. */
export const MATRIX: N8nVersion[] = [...OLDER, N8N_1, N8N_2];

/**
 * Below the floor, not supported: `npm run test:e2e -- 1.50.2` shows what breaks there (not in
 * `--matrix`).
 */
export const BELOW_FLOOR: N8nVersion[] = [{ version: '1.50.2', overrides: N8N_1_OVERRIDES }];

/** Whether n8n `version` (major.minor.patch) is older than `than`. */
export function olderThan(version: string, than: string): boolean {
	const [a, b] = [version, than].map((v) => v.split('.').map(Number));
	const differs = a.findIndex((part, i) => part !== b[i]);
	return differs >= 0 && a[differs] < b[differs];
}
