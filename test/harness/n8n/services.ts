import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * Ports already handed out by this process: the kernel may give a closed port straight back to
 * the next bind, and a worker whose health-check and task-broker ports came out equal did not start.
 */
const handedOut = new Set<number>();

/** A free TCP port on 127.0.0.1, never one this process has handed out before. */
export async function freePort(): Promise<number> {
	for (;;) {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as { port: number };
		await new Promise((resolve) => server.close(resolve));
		if (!handedOut.has(port)) {
			handedOut.add(port);
			return port;
		}
	}
}

function run(command: string, args: string[], asUser?: string): void {
	// PostgreSQL refuses to run as root: as root, its commands run as an unprivileged user.
	const [bin, argv] = asUser
		? ['runuser', ['-u', asUser, '--', command, ...args]]
		: [command, args];
	const result = spawnSync(bin, argv, { encoding: 'utf8' });
	if (result.status !== 0)
		throw new Error(
			`${command} ${args.join(' ')} failed: ${result.error?.message ?? ''}${result.stdout}${result.stderr}`,
		);
}

/** Installs Debian packages when `probe` says they are missing (CI's fresh machine). */
function ensureDebianPackages(packages: string[], probe: () => boolean): void {
	if (probe()) return;
	if (userInfo().uid !== 0)
		throw new Error(
			`${packages.join(' and ')} missing: install them (apt-get install ${packages.join(' ')}) or run as root`,
		);
	console.log(`Installing ${packages.join(', ')} from Debian's packages (once)…`);
	run('apt-get', ['update', '-qq']);
	const result = spawnSync(
		'apt-get',
		['install', '-y', '-qq', '--no-install-recommends', ...packages],
		{
			encoding: 'utf8',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		},
	);
	if (result.status !== 0)
		throw new Error(
			`apt-get install ${packages.join(' ')} failed:\n${result.stdout}${result.stderr}`.slice(
				-3000,
			),
		);
}

const postgresBinDir = (): string | undefined => {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const version = readdirSync(root)
		.filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a))[0];
	return version ? join(root, version, 'bin') : undefined;
};

const onPath = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

async function waitFor(
	what: string,
	ready: () => boolean | Promise<boolean>,
	timeoutMs = 30_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await ready()) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
}

/**
 * Throwaway Redis and PostgreSQL for n8n's queue mode: Debian's packages (installed when missing),
 * started on free loopback ports with their data in a temporary folder, removed by `stop()`.
 */
export class QueueServices {
	redisPort = 0;

	postgresPort = 0;

	readonly postgresUser = 'n8n';

	readonly database = 'n8n';

	private readonly dir = mkdtempSync(join(tmpdir(), 'agilize-queue-'));

	private redis?: ChildProcess;

	private pgBin?: string;

	private pgOsUser?: string;

	async start(): Promise<this> {
		ensureDebianPackages(
			['redis-server', 'postgresql'],
			() => onPath('redis-server') && postgresBinDir() !== undefined,
		);
		this.pgBin = postgresBinDir();
		if (!this.pgBin)
			throw new Error(
				'PostgreSQL is installed but its initdb was not found under /usr/lib/postgresql',
			);

		this.redisPort = await freePort();
		this.redis = spawn(
			'redis-server',
			[
				'--port',
				String(this.redisPort),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				this.dir,
			],
			{
				stdio: 'ignore',
			},
		);
		await waitFor(
			'Redis',
			() =>
				spawnSync('redis-cli', ['-p', String(this.redisPort), 'ping'], {
					encoding: 'utf8',
				}).stdout?.trim() === 'PONG',
		);

		this.postgresPort = await freePort();
		this.pgOsUser = userInfo().uid === 0 ? 'postgres' : undefined;
		if (this.pgOsUser && spawnSync('id', [this.pgOsUser]).status !== 0) this.pgOsUser = 'nobody';
		const data = join(this.dir, 'pg');
		if (this.pgOsUser) {
			const id = (flag: string) =>
				Number(
					spawnSync('id', [flag, this.pgOsUser as string], { encoding: 'utf8' }).stdout.trim(),
				);
			chownSync(this.dir, id('-u'), id('-g'));
		}
		run(
			join(this.pgBin, 'initdb'),
			['-D', data, '-U', this.postgresUser, '-A', 'trust', '--no-sync', '-E', 'UTF8'],
			this.pgOsUser,
		);
		const settings = `-p ${this.postgresPort} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off -c full_page_writes=off -c synchronous_commit=off`;
		run(
			join(this.pgBin, 'pg_ctl'),
			['-D', data, '-o', settings, '-l', join(this.dir, 'postgres.log'), '-w', 'start'],
			this.pgOsUser,
		);
		run(
			join(this.pgBin, 'createdb'),
			['-h', '127.0.0.1', '-p', String(this.postgresPort), '-U', this.postgresUser, this.database],
			this.pgOsUser,
		);
		return this;
	}

	/** The environment an n8n main or worker needs to share this queue and database. */
	get n8nEnv(): NodeJS.ProcessEnv {
		return {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.redisPort),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.postgresPort),
			DB_POSTGRESDB_DATABASE: this.database,
			DB_POSTGRESDB_USER: this.postgresUser,
			DB_POSTGRESDB_PASSWORD: '',
		};
	}

	/** Runs SQL in the n8n database; returns the rows as tab-separated lines. */
	query(sql: string): string[] {
		if (!this.pgBin) throw new Error('PostgreSQL is not running');
		const result = spawnSync(
			join(this.pgBin, 'psql'),
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(this.postgresPort),
				'-U',
				this.postgresUser,
				'-d',
				this.database,
				'-At',
				'-F',
				'\t',
				'-c',
				sql,
			],
			{
				encoding: 'utf8',
			},
		);
		if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
		return result.stdout.split('\n').filter(Boolean);
	}

	async stop(): Promise<void> {
		if (this.pgBin && existsSync(join(this.dir, 'pg', 'postmaster.pid'))) {
			try {
				run(
					join(this.pgBin, 'pg_ctl'),
					['-D', join(this.dir, 'pg'), '-m', 'immediate', '-w', 'stop'],
					this.pgOsUser,
				);
			} catch (error) {
				console.error(error instanceof Error ? error.message : error);
			}
		}
		const redis = this.redis;
		if (redis && redis.exitCode === null) {
			redis.kill('SIGKILL');
			await new Promise((resolve) => redis.once('exit', resolve));
		}
		rmSync(this.dir, { recursive: true, force: true });
	}
}
