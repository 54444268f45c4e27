/**
 * The node at scale, in real n8n, beside n8n's HTTP Request node in the same run:
 *
 * - Memory: 20,000 and 60,000 items in one execution, against an API that answers at once; peak
 *   RSS (VmHWM) and wall-clock time of `n8n execute`, less the same items through a No Operation
 *   node. n8n does not store the run's data (EXECUTIONS_DATA_SAVE_ON_SUCCESS=none). Beside it at
 *   20,000 items: the minimal node (bench/minimal: the least code a node runs per item, one
 *   `this.helpers.httpRequest` each, five at a time) and the HTTP Request node.
 * - Concurrency 10 against a 20 ms API: 1,000 updates, at best 2.0 s (100 rounds of 20 ms); time
 *   in the node, median of 3 runs, the Agilize node and the minimal node.
 * - Concurrency 50: CPU per item (CPU of the process less the No Operation run's, 2,000 items,
 *   median of 3 runs) beside the HTTP Request node's.
 *
 * `npm run bench -- --scale` runs these; `-- 1` or `-- 2` for one major.
 */
import { join } from 'node:path';

import type { IRun } from 'n8n-workflow';

import { ensureN8n, type N8nVersion } from '../test/harness/n8n/n8nInstall';
import { RealN8n } from '../test/harness/n8n/realN8n';
import { API_KEY, startMock, type Mock } from './mockProcess';
import { agilize, httpRequest, minimal, noOp, workflow, type Target } from './workflows';

const SCALE_ITEMS = [20_000, 60_000];
const ROUND_ITEMS = 1000;
const CPU_ITEMS = 2000;
const LATENCY_MS = 20;
const RUNS = 3;

interface Measured {
	peakMb: number;
	/** Wall-clock seconds of the whole `n8n execute`. */
	seconds: number;
	/** Rooms the mock did not see updated. */
	lost: number;
	/** Whether n8n crashed (after or during the run). */
	crashed: boolean;
}

export interface ScaleResult {
	n8n: string;
	/** Per item count: peak RSS and seconds in the node, by workflow. */
	memory: Array<{
		items: number;
		noOp: Measured;
		agilize: Measured;
		minimal?: Measured;
		http?: Measured;
	}>;
	/** Seconds in the node for 1,000 updates at concurrency 10, every run. */
	concurrency10: { agilize: number[]; minimal: number[] };
	/** CPU ms per item at concurrency 50, and the HTTP Request node's. */
	cpu: { agilize: number; http: number; raw: Record<string, number[]> };
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const targetOf = (run: IRun | undefined) => run?.data.resultData.runData.Target?.[0];
const nodeSeconds = (run: IRun | undefined) => (targetOf(run)?.executionTime ?? Number.NaN) / 1000;

async function startScaleMocks() {
	return { instant: await startMock(5731, 0), latency: await startMock(5732, LATENCY_MS) };
}

export async function benchScale(
	n8n: N8nVersion,
	tarball: string,
	options: { httpAt60k?: boolean } = {},
): Promise<ScaleResult> {
	const mocks = await startScaleMocks();
	try {
		return await measure(n8n, tarball, mocks, options);
	} finally {
		mocks.instant.stop();
		mocks.latency.stop();
	}
}

async function measure(
	n8n: N8nVersion,
	tarball: string,
	mocks: { instant: Mock; latency: Mock },
	options: { httpAt60k?: boolean },
): Promise<ScaleResult> {
	const instance = new RealN8n(await ensureN8n(n8n), tarball);
	instance.installPackage(join(__dirname, 'minimal'), 'n8n-nodes-bench-minimal');
	const credential = (id: string, mock: Mock) => ({
		id,
		name: id,
		type: 'agilizeApi',
		data: { apiKey: API_KEY, baseUrl: mock.url },
	});
	await instance.importCredentials([
		credential('benchScaleInst01', mocks.instant),
		credential('benchScaleLate01', mocks.latency),
	]);
	const imported = async (id: string, count: number, target: Target) => {
		const wf = workflow(id, count, target);
		await instance.importWorkflow(wf);
		return wf;
	};
	// Without the run data printed or stored, what is left in memory is the nodes' own.
	const memoryRun = { rawOutput: false, env: { EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none' } };
	const result: ScaleResult = {
		n8n: n8n.version,
		memory: [],
		concurrency10: { agilize: [], minimal: [] },
		cpu: { agilize: 0, http: 0, raw: {} },
	};

	// n8n prints the whole run when it ends; at these sizes the print may be cut short as n8n exits,
	// and n8n 1.123.81 often crashes on its way out (a segmentation fault after the run): time and
	// losses come from the clock and the mock, and the peak, read while n8n runs, stands.
	const measured = async (wf: { id: string }, mock: Mock, items: number): Promise<Measured> => {
		await mock.stats();
		const started = Date.now();
		const result = await instance.execute(wf.id, memoryRun);
		const seconds = (Date.now() - started) / 1000;
		const { updated } = await mock.stats();
		return {
			peakMb: result.peakRssMb ?? Number.NaN,
			seconds,
			lost: items - updated,
			crashed: result.crashed,
		};
	};
	for (const items of SCALE_ITEMS) {
		console.log(`n8n ${n8n.version}: ${items} items, peak RSS…`);
		const id = (name: string) => `benchScale${name}${items / 1000}`.padEnd(16, '0');
		const noOpWf = await imported(id('NoOp'), items, noOp);
		const agilizeWf = await imported(id('Agil'), items, agilize('benchScaleInst01'));
		const minimalWf = await imported(id('Mini'), items, minimal(mocks.instant.url));
		const httpWf = await imported(id('Http'), items, httpRequest(mocks.instant.url));
		const row: ScaleResult['memory'][number] = {
			items,
			noOp: await measured(noOpWf, mocks.instant, 0),
			agilize: await measured(agilizeWf, mocks.instant, items),
		};
		// The nodes beside it at the first size only: the HTTP Request node sends every item at once,
		// which at 60,000 takes minutes and gigabytes.
		if (items === SCALE_ITEMS[0] || options.httpAt60k) {
			row.minimal = await measured(minimalWf, mocks.instant, items);
			row.http = await measured(httpWf, mocks.instant, items);
		}
		console.log(`  ${JSON.stringify(row)}`);
		result.memory.push(row);
	}

	console.log(`n8n ${n8n.version}: ${ROUND_ITEMS} updates at concurrency 10…`);
	const rounds = {
		agilize: await imported(
			'benchScaleConc10',
			ROUND_ITEMS,
			agilize('benchScaleLate01', { concurrency: 10 }),
		),
		minimal: await imported('benchScaleMini10', ROUND_ITEMS, minimal(mocks.latency.url, 10)),
	};
	for (let i = 0; i < RUNS; i++) {
		for (const name of ['agilize', 'minimal'] as const) {
			const run = await instance.execute(rounds[name].id, {});
			result.concurrency10[name].push(nodeSeconds(run.run));
		}
	}
	console.log(`  ${JSON.stringify(result.concurrency10)}`);

	console.log(`n8n ${n8n.version}: CPU per item at concurrency 50 (${CPU_ITEMS} items)…`);
	const cpuWorkflows = {
		noOp: await imported('benchScaleCpuNoO', CPU_ITEMS, noOp),
		agilize: await imported(
			'benchScaleCpuAgi',
			CPU_ITEMS,
			agilize('benchScaleLate01', { concurrency: 50 }),
		),
		http: await imported('benchScaleCpuHtt', CPU_ITEMS, httpRequest(mocks.latency.url)),
	};
	const raw: Record<string, number[]> = { noOp: [], agilize: [], http: [] };
	for (let i = 0; i < RUNS; i++) {
		for (const [name, wf] of Object.entries(cpuWorkflows)) {
			const run = await instance.execute(wf.id, {});
			if (run.status !== 0) throw new Error(`${wf.id} failed:\n${run.output.slice(-2000)}`);
			raw[name].push(run.cpuSeconds ?? Number.NaN);
		}
	}
	const perItem = (name: string) => ((median(raw[name]) - median(raw.noOp)) * 1000) / CPU_ITEMS;
	result.cpu = { agilize: perItem('agilize'), http: perItem('http'), raw };
	console.log(`  ${JSON.stringify(result.cpu)}`);
	return result;
}

const mb = (value: number) => `${Math.round(value)} MB`;

export function scaleReport(results: ScaleResult[]): string {
	const cell = (m: Measured | undefined, noOp: Measured) =>
		m
			? `+${mb(m.peakMb - noOp.peakMb)}, +${(m.seconds - noOp.seconds).toFixed(1)} s${m.lost ? `, ${m.lost} rooms not updated` : ''}${m.crashed ? ', n8n crashed on its way out' : ''}`
			: 'not run';
	const ideal = ((ROUND_ITEMS / 10) * LATENCY_MS) / 1000;
	return [
		`**At scale**: peak RSS and wall-clock time of \`n8n execute\`, and what each adds over the same items through a No Operation node (API answering at once; run data not stored). The Agilize node at its defaults (Max Concurrent Requests 5); the minimal node, five at a time; the HTTP Request node at its own (every item at once):`,
		'',
		'| n8n | items | No Operation | Agilize node | minimal node | HTTP Request node |',
		'|---|---|---|---|---|---|',
		...results.flatMap((r) =>
			r.memory.map(
				(row) =>
					`| ${r.n8n} | ${row.items.toLocaleString('en')} | ${mb(row.noOp.peakMb)}, ${row.noOp.seconds.toFixed(1)} s | ${cell(row.agilize, row.noOp)} | ${cell(row.minimal, row.noOp)} | ${cell(row.http, row.noOp)} |`,
			),
		),
		'',
		`**Concurrency 10 against a ${LATENCY_MS} ms API**: ${ROUND_ITEMS.toLocaleString('en')} updates, at best ${ideal} s; time in the node, ${RUNS} runs each:`,
		'',
		'| n8n | Agilize node | median ÷ ideal | minimal node | median ÷ ideal |',
		'|---|---|---|---|---|',
		...results.map(
			(r) =>
				`| ${r.n8n} | ${r.concurrency10.agilize.map((s) => s.toFixed(2)).join(', ')} s | ${(median(r.concurrency10.agilize) / ideal).toFixed(2)} | ${r.concurrency10.minimal.map((s) => s.toFixed(2)).join(', ')} s | ${(median(r.concurrency10.minimal) / ideal).toFixed(2)} |`,
		),
		'',
		`**CPU per item at concurrency 50** (${CPU_ITEMS.toLocaleString('en')} items, ${LATENCY_MS} ms API, No Operation run subtracted, median of ${RUNS}):`,
		'',
		'| n8n | Agilize node | HTTP Request node | Agilize ÷ HTTP Request | CPU seconds (No Operation; Agilize; HTTP Request) |',
		'|---|---|---|---|---|',
		...results.map(
			(r) =>
				`| ${r.n8n} | ${r.cpu.agilize.toFixed(2)} ms | ${r.cpu.http.toFixed(2)} ms | ${(r.cpu.agilize / r.cpu.http).toFixed(2)} | ${['noOp', 'agilize', 'http'].map((name) => r.cpu.raw[name].map((s) => s.toFixed(2)).join(', ')).join('; ')} |`,
		),
	].join('\n');
}
