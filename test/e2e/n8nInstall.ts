import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A pinned n8n, installed once into a cache outside the repository and reused. */
export interface N8nVersion {
	version: string;
	/** npm `overrides` this version needs to install on these machines. */
	overrides: Record<string, string>;
	/** Directory holding the `node` binary to run it with; undefined = this process's Node. */
	nodeBinDir?: () => string;
}

export const cacheRoot = process.env.AGILIZE_E2E_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'n8n-nodes-agilize');

function npm(args: string[], cwd: string, timeoutMs: number) {
	const result = spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false' } });
	if (result.error || result.status !== 0) {
		const reason = result.error?.message ?? `exit code ${result.status}`;
		throw new Error(
			`npm ${args.join(' ')} failed in ${cwd} (${reason}). Is the npm registry reachable?\n${(result.stderr ?? '').slice(-2000)}`,
		);
	}
}

/** Path of the n8n executable of `n8n`, installing it first if the cache does not hold it. */
export function ensureN8n(n8n: N8nVersion): string {
	const dir = join(cacheRoot, `n8n-${n8n.version}`);
	const bin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const done = join(dir, '.installed');
	if (existsSync(done) && existsSync(bin)) return bin;
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify({ name: `n8n-${n8n.version}-cache`, private: true, dependencies: { n8n: n8n.version }, overrides: n8n.overrides }, null, 2),
	);
	console.log(`Installing n8n ${n8n.version} into ${dir} (once; minutes)…`);
	npm(['install', '--no-audit', '--no-fund'], dir, 20 * 60_000);
	writeFileSync(done, new Date().toISOString());
	return bin;
}
