/**
 * The webhook burst: a CRM's bulk action fires 1,000 webhooks, 200 in flight, each
 * starting one execution (Webhook answering when the last node finishes → Agilize updating one
 * room) against an API that allows 10 requests per second (token bucket, burst 2, 429 with
 * Retry-After: 1). The limit lets 1,000 updates through in 100 s: the least wall time possible.
 * Regular mode (one n8n process, SQLite) and queue mode (a main, two workers, Redis, PostgreSQL).
 */
import { ensureN8n, type N8nVersion } from '../test/harness/n8n/n8nInstall';
import { RealN8n } from '../test/harness/n8n/realN8n';
import { freePort, QueueServices } from '../test/harness/n8n/services';
import { activateWorkflow, callWebhook, webhookWorkflow } from '../test/harness/n8n/webhook';
import { API_KEY, type Mock } from './mockProcess';

export const BURST_CALLS = 1000;
export const BURST_PARALLEL = 200;
export const BURST_LIMIT = { perSecond: 10, burst: 2 };
const WORKERS = 2;
/** Longer than any answer should take: a call cut short would hide how long callers wait. */
const CALL_TIMEOUT_MS = 600_000;
const PATH = 'agilize-burst';
const WORKFLOW_ID = 'benchBurstHook01';
const CREDENTIAL_ID = 'benchBurstCredtl';

export interface BurstRow {
	n8n: string;
	mode: string;
	updated: number;
	answered200: number;
	/** Answers other than 200, and calls never answered, by status. */
	otherAnswers: Record<string, number>;
	requests: number;
	rateLimited: number;
	wallSeconds: number;
	slowestSeconds: number;
}

async function prepare(instance: RealN8n, mock: Mock, major: number): Promise<void> {
	await instance.importCredentials([
		{
			id: CREDENTIAL_ID,
			name: CREDENTIAL_ID,
			type: 'agilizeApi',
			data: { apiKey: API_KEY, baseUrl: mock.url },
		},
	]);
	await instance.importWorkflow(webhookWorkflow(WORKFLOW_ID, PATH, CREDENTIAL_ID));
	await activateWorkflow(instance, WORKFLOW_ID, major);
}

/**
 * Until n8n runs the workflow: `n8n start` answers its health check before it has registered the
 * webhooks of active workflows (404 until then). One call, repeated until it answers 200.
 */
async function webhookReady(url: string): Promise<void> {
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		const [probe] = await callWebhook(url, PATH, ['probe'], 1, 30_000);
		if (probe.status === 200) return;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	throw new Error(`the webhook at ${url}/webhook/${PATH} never answered 200`);
}

async function fire(url: string, mock: Mock, n8n: N8nVersion, mode: string): Promise<BurstRow> {
	await webhookReady(url);
	await mock.stats();
	const rooms = Array.from({ length: BURST_CALLS }, (_, i) => `burst-${i}`);
	const started = Date.now();
	const results = await callWebhook(url, PATH, rooms, BURST_PARALLEL, CALL_TIMEOUT_MS);
	const wallSeconds = (Date.now() - started) / 1000;
	const stats = await mock.stats();
	const otherAnswers: Record<string, number> = {};
	for (const result of results.filter((r) => r.status !== 200))
		otherAnswers[String(result.status)] = (otherAnswers[String(result.status)] ?? 0) + 1;
	return {
		n8n: n8n.version,
		mode,
		updated: stats.updated,
		answered200: results.filter((r) => r.status === 200).length,
		otherAnswers,
		requests: stats.requests,
		rateLimited: stats.rateLimited,
		wallSeconds,
		slowestSeconds: Math.max(...results.map((r) => r.ms)) / 1000,
	};
}

/** Regular mode: one `n8n start` takes the calls and runs the executions. */
export async function burstRegular(
	n8n: N8nVersion,
	tarball: string,
	mock: Mock,
): Promise<BurstRow> {
	const instance = new RealN8n(await ensureN8n(n8n), tarball);
	await prepare(instance, mock, Number(n8n.version.split('.')[0]));
	const url = await instance.start(await freePort());
	try {
		console.log(
			`n8n ${n8n.version}, regular mode: ${BURST_CALLS} webhook calls, ${BURST_PARALLEL} in flight…`,
		);
		return await fire(url, mock, n8n, 'regular');
	} finally {
		await instance.stop();
	}
}

/** Queue mode: a main takes the calls, two workers (concurrency 10 each) run the executions, each with its own pace. */
export async function burstQueue(n8n: N8nVersion, tarball: string, mock: Mock): Promise<BurstRow> {
	const installed = await ensureN8n(n8n);
	const services = await new QueueServices().start();
	// n8n 1.x's main, holding 200 webhook calls on PostgreSQL's default pool of 2 connections,
	// missed its own database health check and answered 554 of 1,000 calls 503 ("Database is not
	// ready!") before starting their executions: a larger pool, as a busy server would set.
	const env = { ...services.n8nEnv, DB_POSTGRESDB_POOL_SIZE: '10' };
	const main = new RealN8n(installed, tarball, undefined, env);
	const workers = Array.from(
		{ length: WORKERS },
		() => new RealN8n(installed, tarball, undefined, env),
	);
	try {
		await prepare(main, mock, Number(n8n.version.split('.')[0]));
		const url = await main.start(await freePort());
		await Promise.all(
			workers.map(async (worker) => worker.startWorker(await freePort(), await freePort())),
		);
		console.log(
			`n8n ${n8n.version}, queue mode with ${WORKERS} workers: ${BURST_CALLS} webhook calls, ${BURST_PARALLEL} in flight…`,
		);
		return await fire(url, mock, n8n, `queue, ${WORKERS} workers`);
	} finally {
		await Promise.all([main, ...workers].map(async (instance) => instance.stop()));
		await services.stop();
	}
}

export function burstReport(rows: BurstRow[]): string {
	const least = BURST_CALLS / BURST_LIMIT.perSecond;
	const others = (row: BurstRow) =>
		Object.entries(row.otherAnswers)
			.map(([status, count]) => `${count} × ${status}`)
			.join(', ') || 'none';
	return [
		`**A burst of webhook executions**: ${BURST_CALLS.toLocaleString('en')} webhook calls, ${BURST_PARALLEL} in flight, each starting one execution (Webhook, answering when the last node finishes → Agilize at its defaults, updating one room); the API allows ${BURST_LIMIT.perSecond} requests/s (token bucket, burst ${BURST_LIMIT.burst}, 429 with Retry-After: 1), so it takes at least ${least} s:`,
		'',
		'| n8n | mode | rooms updated | calls answered 200 | other answers | 429 answers | share of requests | wall (s) | wall ÷ least | slowest answer (s) |',
		'|---|---|---|---|---|---|---|---|---|---|',
		...rows.map(
			(row) =>
				`| ${row.n8n} | ${row.mode} | ${row.updated} / ${BURST_CALLS} | ${row.answered200} | ${others(row)} | ${row.rateLimited} of ${row.requests} | ${((row.rateLimited / Math.max(row.requests, 1)) * 100).toFixed(1)} % | ${row.wallSeconds.toFixed(1)} | ${(row.wallSeconds / least).toFixed(2)} | ${row.slowestSeconds.toFixed(1)} |`,
		),
	].join('\n');
}
