import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IRun } from 'n8n-workflow';

import type { WorkflowJson } from '../workflowJson';
import type { InstalledN8n } from './n8nInstall';

/**
 * One real n8n user folder with the packed package installed the way n8n holds a community
 * package: unpacked into ~/.n8n/nodes/node_modules with no node_modules of its own, so that
 * n8n-workflow resolves to n8n's own copy.
 */
export class RealN8n {
	readonly userFolder: string;

	private readonly n8nBin: string;

	private readonly nodeBinDir?: string;

	private readonly extraEnv: NodeJS.ProcessEnv;

	private server?: ChildProcess;

	private readonly brokerPort = 20_000 + Math.floor(Math.random() * 20_000);

	private serverLog = '';

	/** How much of a server's output `log` keeps (a queue worker's log is read whole). */
	logLimit = 20_000;

	/**
	 * `tarball`: the packed package to install, or undefined for an n8n without it. `userFolder`: a
	 * fresh temporary one unless given (the dev server keeps its own). `env`: added
	 * to every n8n command's environment (queue mode's database and Redis).
	 */
	constructor(
		installed: InstalledN8n,
		tarball: string | undefined,
		userFolder?: string,
		env: NodeJS.ProcessEnv = {},
	) {
		this.n8nBin = installed.bin;
		this.nodeBinDir = installed.nodeBinDir;
		this.extraEnv = env;
		this.userFolder = userFolder ?? mkdtempSync(join(tmpdir(), 'agilize-e2e-n8n-'));
		// No tarball: an n8n without the package (a queue worker someone forgot to set up).
		if (tarball === undefined) return;
		const target = join(this.userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-agilize');
		rmSync(target, { recursive: true, force: true });
		mkdirSync(target, { recursive: true });
		const unpacked = spawnSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
		if (unpacked.status !== 0) throw new Error(`could not unpack ${tarball}: ${unpacked.stderr}`);
	}

	private env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
		return {
			...process.env,
			PATH: this.nodeBinDir ? `${this.nodeBinDir}:${process.env.PATH}` : process.env.PATH,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'agilize-e2e-encryption-key',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			// n8n 2.x opens a task-runner broker in every process, on 5679 unless told: another n8n on
			// this machine (another checkout's tests) would hold it.
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			// n8n 1.79–1.84 run a community node as an AI tool only with this set (before 1.79, never;
			// from 1.85, always): what a self-hoster of those releases sets.
			N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
			// With `warn`, `n8n execute` prints nothing at all and still exits 0.
			N8N_LOG_LEVEL: 'info',
			...this.extraEnv,
			...extra,
		};
	}

	/** `n8n start` on 127.0.0.1:`port`, resolved once it answers /healthz. */
	async start(port: number, timeoutMs = 180_000): Promise<string> {
		const url = `http://127.0.0.1:${port}`;
		// /healthz answers before the REST API is mounted.
		await this.serve(
			['start'],
			{
				N8N_PORT: String(port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_HOST: '127.0.0.1',
				N8N_SECURE_COOKIE: 'false',
				N8N_RUNNERS_ENABLED: 'false',
			},
			[`${url}/healthz`, `${url}/rest/settings`],
			timeoutMs,
		);
		return url;
	}

	/**
	 * `n8n worker` (queue mode), resolved once its health server on `healthPort` says it is ready
	 * (database and Redis connected). `runnersPort`: its task-runner broker's port, which n8n 2.x
	 * opens in every process.
	 */
	async startWorker(
		healthPort: number,
		runnersPort: number,
		concurrency = 10,
		timeoutMs = 180_000,
	): Promise<void> {
		const env = {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_RUNNERS_BROKER_PORT: String(runnersPort),
			N8N_RUNNERS_ENABLED: 'false',
		};
		await this.serve(
			['worker', `--concurrency=${concurrency}`],
			env,
			[`http://127.0.0.1:${healthPort}/healthz/readiness`],
			timeoutMs,
		);
	}

	/** The running `n8n start` or `n8n worker` process's id. */
	get pid(): number | undefined {
		return this.server?.pid;
	}

	private async serve(
		args: string[],
		env: NodeJS.ProcessEnv,
		readyUrls: string[],
		timeoutMs: number,
	): Promise<void> {
		this.server = spawn(this.n8nBin, args, { env: this.env(env) });
		const append = (chunk: Buffer) =>
			(this.serverLog = (this.serverLog + chunk.toString()).slice(-this.logLimit));
		this.server.stdout?.on('data', append);
		this.server.stderr?.on('data', append);
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.server.exitCode !== null || this.server.signalCode !== null)
				throw new Error(`n8n ${args[0]} exited:\n${this.serverLog}`);
			try {
				let ready = true;
				for (const url of readyUrls) ready &&= (await fetch(url)).ok;
				if (ready) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(
			`n8n ${args[0]} did not start within ${timeoutMs / 1000} s:\n${this.serverLog}`,
		);
	}

	/** Kills the server without letting it finish anything (a crashed worker). */
	async kill(): Promise<void> {
		const server = this.server;
		if (!server || server.exitCode !== null || server.signalCode !== null) return;
		server.kill('SIGKILL');
		await new Promise((resolve) => server.once('exit', resolve));
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server || server.exitCode !== null || server.signalCode !== null) return;
		server.kill('SIGTERM');
		await new Promise((resolve) => {
			const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
			server.on('exit', () => resolve(clearTimeout(timer)));
		});
	}

	get log(): string {
		return this.serverLog;
	}

	/**
	 * Runs an n8n CLI command; returns its output. Asynchronous, so that a mock server in this
	 * process can answer the requests n8n makes meanwhile.
	 */
	async cli(
		args: string[],
		timeoutMs = 180_000,
	): Promise<{ status: number | null; signal: string | null; stdout: string; stderr: string }> {
		const child = spawn(this.n8nBin, args, { env: this.env() });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		const [status, signal] = await new Promise<[number | null, string | null]>(
			(resolve, reject) => {
				child.on('error', reject);
				child.on('close', (code, sig) => resolve([code, sig]));
			},
		).finally(() => clearTimeout(timer));
		return { status, signal, stdout, stderr };
	}

	async importCredentials(credentials: object[]): Promise<void> {
		const file = join(this.userFolder, 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials));
		const result = await this.cli(['import:credentials', `--input=${file}`]);
		if (result.status !== 0)
			throw new Error(`import:credentials failed:\n${result.stdout}${result.stderr}`);
	}

	async importWorkflow(workflow: WorkflowJson & { id: string }): Promise<void> {
		const file = join(this.userFolder, `${workflow.id}.json`);
		// A list, which n8n 1.70 and 1.82 require (later ones take one workflow or a list), and a
		// versionId, which n8n 2.0 requires.
		writeFileSync(file, JSON.stringify([{ active: false, versionId: randomUUID(), ...workflow }]));
		const result = await this.cli(['import:workflow', `--input=${file}`]);
		if (result.status !== 0)
			throw new Error(`import:workflow failed:\n${result.stdout}${result.stderr}`);
	}

	/** Another package, unpacked as a community package beside this one (the benchmark's minimal node). */
	installPackage(dir: string, name: string): void {
		cpSync(dir, join(this.userFolder, '.n8n', 'nodes', 'node_modules', name), { recursive: true });
	}

	/**
	 * `n8n execute --rawOutput`: the run, parsed from the JSON after any log lines. `measure`
	 * adds the CPU time of the n8n process and its children (bash's `times`) and its peak RSS
	 * (VmHWM, read from /proc while it runs).
	 */
	async execute(
		workflowId: string,
		measure?: { rawOutput?: boolean; env?: NodeJS.ProcessEnv },
	): Promise<{
		run?: IRun;
		status: number | string;
		output: string;
		/** Whether n8n died of a segmentation fault (after the run or during it). */
		crashed: boolean;
		cpuSeconds?: number;
		peakRssMb?: number;
	}> {
		const args = [
			'execute',
			`--id=${workflowId}`,
			...(measure?.rawOutput === false ? [] : ['--rawOutput']),
		];
		const result: Awaited<ReturnType<RealN8n['cli']>> & {
			cpuSeconds?: number;
			peakRssMb?: number;
		} = measure ? await this.measured(args, measure.env) : await this.cli(args);
		const output = result.stdout + result.stderr;
		// n8n prints log lines (2.x) or an error banner before the JSON and a summary after it. At
		// level debug, 1.123 and 2.0 print the JSON itself as a coloured log line at level info.
		const stdout = result.stdout
			.replace(/\x1b\[[0-9;]*m/g, '')
			.replace(/^[\d:.]+\s+info\s+\{$/m, '{');
		const start = stdout.search(/^\{/m);
		const end = stdout.lastIndexOf('\n}') + 2;
		let run: IRun | undefined;
		if (start >= 0 && end > start) {
			try {
				run = JSON.parse(stdout.slice(start, end)) as IRun;
			} catch {
				run = undefined;
			}
		}
		// n8n 1.123.81 sometimes dies of a segmentation fault on its way out, after it has printed a
		// finished run (seen in e2e and bench runs on this machine): the run it printed stands. Under
		// the measuring shell the crash arrives as exit status 139 (128 + SIGSEGV).
		const crashed = result.signal === 'SIGSEGV' || result.status === 139;
		if (crashed && run?.finished === true) {
			console.log(
				`  (n8n ${workflowId}: segmentation fault after the run finished; its printed run is used)`,
			);
			return {
				run,
				status: run.status === 'success' ? 0 : 1,
				output,
				crashed,
				cpuSeconds: result.cpuSeconds,
				peakRssMb: result.peakRssMb,
			};
		}
		return {
			run,
			status: result.status ?? `killed by ${result.signal}`,
			output,
			crashed,
			cpuSeconds: result.cpuSeconds,
			peakRssMb: result.peakRssMb,
		};
	}

	private async measured(args: string[], env: NodeJS.ProcessEnv = {}) {
		// bash runs n8n in the background so that its pid can be watched, then prints `times`:
		// the second line is the user and system time of the children it waited for.
		const script =
			'"$0" "$@" & pid=$!; echo "PID $pid" >&2; wait $pid; code=$?; times >&2; exit $code';
		const child = spawn('bash', ['-c', script, this.n8nBin, ...args], { env: this.env(env) });
		let stdout = '';
		let stderr = '';
		let peakKb = 0;
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const poll = setInterval(() => {
			const pid = /^PID (\d+)$/m.exec(stderr)?.[1];
			if (!pid) return;
			try {
				const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
				if (hwm) peakKb = Math.max(peakKb, Number(hwm));
			} catch {
				// exited
			}
		}, 100);
		const [status, signal] = await new Promise<[number | null, string | null]>(
			(resolve, reject) => {
				child.on('error', reject);
				child.on('close', (code, sig) => resolve([code, sig]));
			},
		).finally(() => clearInterval(poll));
		const times = [...stderr.matchAll(/^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/gm)].at(-1);
		const cpuSeconds = times
			? Number(times[1]) * 60 + Number(times[2]) + Number(times[3]) * 60 + Number(times[4])
			: undefined;
		return { status, signal, stdout, stderr, cpuSeconds, peakRssMb: peakKb / 1024 };
	}
}
