import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const API_KEY = 'bench-api-key';

interface Stats {
	requests: number;
	peakInFlight: number;
	rateLimited: number;
	updated: number;
	created: number;
}

export interface Mock {
	url: string;
	stats(): Promise<Stats>;
	stop(): void;
}

/** The mock Agilize API in its own process on 127.0.0.1, so that its CPU is not counted. */
export async function startMock(
	port: number,
	latencyMs: number,
	rate?: string,
	more: string[] = [],
): Promise<Mock> {
	const args = [
		String(port),
		API_KEY,
		String(latencyMs),
		'--quiet',
		...(rate ? [`--rate=${rate}`] : []),
		...more,
	];
	const child: ChildProcess = fork(
		join(__dirname, '..', 'test', 'harness', 'mock', 'serve.ts'),
		args,
		{
			execArgv: ['--import', 'tsx'],
			stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
		},
	);
	await new Promise<void>((resolve, reject) => {
		child.once('message', () => resolve());
		child.once('exit', (code) => reject(new Error(`mock exited with ${code}`)));
	});
	const url = `http://127.0.0.1:${port}`;
	return {
		url,
		// DELETE reads and resets, so that each measurement starts from zero.
		stats: async () =>
			(await (await fetch(`${url}/__stats`, { method: 'DELETE' })).json()) as Stats,
		stop: () => child.kill(),
	};
}
