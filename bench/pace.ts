/**
 * How the pace meets 429s, in real n8n: a flaky server with and without sporadic 429s, and a
 * token-bucket limit at the defaults and with Max Requests per Second. `npm run bench -- --pace`
 * runs these and the webhook burst (regular mode).
 */
import type { INodeExecutionData, IRun } from 'n8n-workflow';

import { ensureN8n, type N8nVersion } from '../test/harness/n8n/n8nInstall';
import { RealN8n } from '../test/harness/n8n/realN8n';
import { API_KEY, startMock, type Mock } from './mockProcess';
import { agilize, workflow } from './workflows';

export const RATE_ITEMS = 1500;
const FLAKY_ITEMS = 1000;
const LATENCY_MS = 20;
/**
 * The flaky server: per attempt, 5 % 503, 3 % 502, 1 % 500, 3 % connections closed, 5 % never
 * answered (past the 1 s Timeout); every 50th room is missing. With sporadic 429s, 1 % of attempts
 * also answer 429 with Retry-After: 1, with no rate limit behind them.
 */
const FAULTS = { unavailable: 0.05, badGateway: 0.03, serverError: 0.01, reset: 0.03, hang: 0.05 };
const FLAKY_OPTIONS = { timeout: 1000, concurrency: 10 };

export interface PaceRow {
	n8n: string;
	label: string;
	seconds: number;
	/** Items output as successes, and as errors. */
	succeeded: number;
	failed: number;
	/** What the mock saw: rooms answered 2xx, 429s, requests. */
	updated: number;
	rateLimited: number;
	requests: number;
}

const nodeSeconds = (run: IRun | undefined) =>
	(run?.data.resultData.runData.Target?.[0]?.executionTime ?? Number.NaN) / 1000;

const outputOf = (run: IRun | undefined): INodeExecutionData[] =>
	run?.data.resultData.runData.Target?.[0]?.data?.main[0] ?? [];

export async function startPaceMocks() {
	const missing = ['--missing-every=50'];
	return {
		rate: await startMock(5722, LATENCY_MS, '50/10'),
		flaky: await startMock(5723, LATENCY_MS, undefined, [
			`--faults=${JSON.stringify(FAULTS)}`,
			...missing,
		]),
		flaky429: await startMock(5724, LATENCY_MS, undefined, [
			`--faults=${JSON.stringify({ ...FAULTS, rateLimited: 0.01 })}`,
			...missing,
		]),
	};
}

export type PaceMocks = Awaited<ReturnType<typeof startPaceMocks>>;

/** The pace scenarios on one n8n release; flaky runs twice each (with and without 429s). */
export async function benchPace(
	n8n: N8nVersion,
	tarball: string,
	mocks: PaceMocks,
): Promise<PaceRow[]> {
	const instance = new RealN8n(await ensureN8n(n8n), tarball);
	const credential = (id: string, mock: Mock) => ({
		id,
		name: id,
		type: 'agilizeApi',
		data: { apiKey: API_KEY, baseUrl: mock.url },
	});
	await instance.importCredentials([
		credential('benchPaceRate001', mocks.rate),
		credential('benchPaceFlaky01', mocks.flaky),
		credential('benchPaceFlaky02', mocks.flaky429),
	]);
	const continueOnFail = <T extends { nodes: Array<{ name: string; onError?: string }> }>(
		wf: T,
	): T => {
		for (const node of wf.nodes) if (node.name === 'Target') node.onError = 'continueRegularOutput';
		return wf;
	};
	const runs: Array<[string, ReturnType<typeof workflow>, Mock]> = [
		[
			'flaky server',
			continueOnFail(
				workflow('benchPaceFlakyNo', FLAKY_ITEMS, agilize('benchPaceFlaky01', FLAKY_OPTIONS)),
			),
			mocks.flaky,
		],
		[
			'flaky server with sporadic 429s',
			continueOnFail(
				workflow('benchPaceFlaky4x', FLAKY_ITEMS, agilize('benchPaceFlaky02', FLAKY_OPTIONS)),
			),
			mocks.flaky429,
		],
		[
			'flaky server',
			continueOnFail(
				workflow('benchPaceFlakyNo', FLAKY_ITEMS, agilize('benchPaceFlaky01', FLAKY_OPTIONS)),
			),
			mocks.flaky,
		],
		[
			'flaky server with sporadic 429s',
			continueOnFail(
				workflow('benchPaceFlaky4x', FLAKY_ITEMS, agilize('benchPaceFlaky02', FLAKY_OPTIONS)),
			),
			mocks.flaky429,
		],
		[
			'token bucket 50/s, defaults',
			workflow('benchPaceRateDef', RATE_ITEMS, agilize('benchPaceRate001')),
			mocks.rate,
		],
		[
			'token bucket 50/s, Max Requests per Second 50',
			workflow(
				'benchPaceRateCap',
				RATE_ITEMS,
				agilize('benchPaceRate001', { maxRequestsPerSecond: 50 }),
			),
			mocks.rate,
		],
	];
	const imported = new Set<string>();
	for (const [, wf] of runs)
		if (!imported.has(wf.id) && imported.add(wf.id)) await instance.importWorkflow(wf);
	const rows: PaceRow[] = [];
	for (const [label, wf, mock] of runs) {
		await mock.stats();
		const result = await instance.execute(wf.id, {});
		if (result.status !== 0)
			throw new Error(`${wf.id} failed on n8n ${n8n.version}:\n${result.output.slice(-2000)}`);
		const stats = await mock.stats();
		const items = outputOf(result.run);
		const failed = items.filter((item) => item.json.error !== undefined).length;
		const row = {
			n8n: n8n.version,
			label,
			seconds: nodeSeconds(result.run),
			succeeded: items.length - failed,
			failed,
			...stats,
		};
		console.log(JSON.stringify(row));
		rows.push(row);
	}
	return rows;
}

/** The pace scenarios as a Markdown section. */
export function paceReport(rows: PaceRow[]): string {
	const flaky = rows.filter((row) => row.label.startsWith('flaky'));
	const rate = rows.filter((row) => row.label.startsWith('token'));
	return [
		`**A flaky server** (${FLAKY_ITEMS.toLocaleString('en')} items, Continue On Fail, Timeout 1 s, Max Concurrent Requests 10; per attempt 5 % 503, 3 % 502, 1 % 500, 3 % connections closed, 5 % never answered; every 50th room missing; "with sporadic 429s": 1 % of attempts also answer 429 with Retry-After: 1, no rate limit behind them). The bound is 1.15 × (the run without 429s + 1 s per 429):`,
		'',
		'| n8n | run | time in the node (s) | items succeeded / failed | rooms the server updated | 429 answers | requests |',
		'|---|---|---|---|---|---|---|',
		...flaky.map(
			(r) =>
				`| ${r.n8n} | ${r.label} | ${r.seconds.toFixed(1)} | ${r.succeeded} / ${r.failed} | ${r.updated} | ${r.rateLimited} | ${r.requests} |`,
		),
		'',
		`**A rate-limited API** (token bucket 50 requests/s, burst 10, 429 with Retry-After: 1; ${RATE_ITEMS.toLocaleString('en')} updates, which the limit allows in ${RATE_ITEMS / 50} s):`,
		'',
		'| n8n | run | time in the node (s) | share of the limit’s throughput | rooms updated | 429 answers |',
		'|---|---|---|---|---|---|',
		...rate.map(
			(r) =>
				`| ${r.n8n} | ${r.label} | ${r.seconds.toFixed(1)} | ${Math.round((RATE_ITEMS / 50 / r.seconds) * 100)} % | ${r.updated} / ${RATE_ITEMS} | ${r.rateLimited} |`,
		),
	].join('\n');
}
