import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A pinned n8n, installed once into a cache outside the repository and reused. */
export interface N8nVersion {
	version: string;
	/** npm `overrides` this version needs to install on these machines. */
	overrides: Record<string, string>;
	/** The Node major it needs, when not this process's own. */
	nodeMajor?: number;
	ignoreScripts?: boolean;
	/** Packages to `npm rebuild` after an install without scripts. */
	rebuild?: string[];
}

export interface InstalledN8n {
	bin: string;
	/** Directory of the `node` binary to run it with; undefined = this process's Node. */
	nodeBinDir?: string;
}

export const cacheRoot =
	process.env.AGILIZE_E2E_CACHE ??
	join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'n8n-nodes-agilize');

async function npm(args: string[], cwd: string, nodeBinDir?: string): Promise<void> {
	// Under `npm run`, this project's npm settings (ignore-scripts=true) arrive as npm_config_*
	// variables; n8n's own install needs its scripts (sqlite3, isolated-vm), so they are dropped.
	const env = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !/^npm_config_/i.test(name)),
	);
	env.PATH = nodeBinDir ? `${nodeBinDir}:${process.env.PATH}` : process.env.PATH;
	const child = spawn('npm', [...args, '--no-audit', '--no-fund'], {
		cwd,
		env,
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
	const timer = setTimeout(() => child.kill('SIGKILL'), 20 * 60_000);
	const [code, error] = await new Promise<[number | null, Error | undefined]>((resolve) => {
		child.on('error', (e) => resolve([null, e]));
		child.on('close', (c) => resolve([c, undefined]));
	}).finally(() => clearTimeout(timer));
	if (error || code !== 0) {
		const reason = error?.message ?? `exit code ${code}`;
		throw new Error(
			`npm ${args.join(' ')} failed in ${cwd} (${reason}). Is the npm registry reachable?\n${stderr.slice(-2000)}`,
		);
	}
}

/** Installs under way, by directory: two n8n 2.x releases share one Node, installed once. */
const installing = new Map<string, Promise<string>>();

/** Installs `dependencies` into `dir` once (marked by .installed); returns `dir`. */
function cachedInstall(
	dir: string,
	dependencies: Record<string, string>,
	extra: Omit<N8nVersion, 'version'> | undefined,
	nodeBinDir?: string,
): Promise<string> {
	let install = installing.get(dir);
	if (!install) {
		install = installOnce(dir, dependencies, extra, nodeBinDir);
		installing.set(dir, install);
	}
	return install;
}

async function installOnce(
	dir: string,
	dependencies: Record<string, string>,
	extra: Omit<N8nVersion, 'version'> | undefined,
	nodeBinDir?: string,
): Promise<string> {
	if (existsSync(join(dir, '.installed'))) return dir;
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-nodes-agilize-e2e-cache',
				private: true,
				dependencies,
				overrides: extra?.overrides ?? {},
			},
			null,
			2,
		),
	);
	const started = Date.now();
	const what = Object.entries(dependencies)
		.map(([name, version]) => `${name}@${version}`)
		.join(' ');
	console.log(`Installing ${what} into ${dir} (once; minutes)…`);
	await npm(['install', ...(extra?.ignoreScripts ? ['--ignore-scripts'] : [])], dir, nodeBinDir);
	if (extra?.rebuild?.length) await npm(['rebuild', ...extra.rebuild], dir, nodeBinDir);
	writeFileSync(join(dir, '.installed'), new Date().toISOString());
	console.log(`Installed ${what} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	return dir;
}

/** The n8n of `n8n`, installing it (and the Node it needs) first if the cache does not hold it. */
export async function ensureN8n(n8n: N8nVersion): Promise<InstalledN8n> {
	const nodeBinDir = n8n.nodeMajor
		? join(
				await cachedInstall(
					join(cacheRoot, `node-${n8n.nodeMajor}`),
					{ node: String(n8n.nodeMajor) },
					undefined,
				),
				'node_modules',
				'node',
				'bin',
			)
		: undefined;
	const dir = await cachedInstall(
		join(cacheRoot, `n8n-${n8n.version}`),
		{ n8n: n8n.version },
		n8n,
		nodeBinDir,
	);
	return { bin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), nodeBinDir };
}
