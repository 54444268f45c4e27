/**
 * `npm run bench` (`-- 1` or `-- 2` for one major): the packed node in real n8n 1.x and 2.x,
 * beside n8n's HTTP Request node and a minimal node (the least a node can do per item), against
 * the mock Agilize API in its own process on 127.0.0.1 (so that its CPU is not counted).
 * Appends each run to bench/results.md; docs/performance.md quotes it.
 *
 * - CPU per item: CPU time of `n8n execute` (the process and the children it waited for),
 *   minus that of the same workflow with a NoOp node, divided by the items; median of 3 runs.
 *   The Agilize node reads three parameters from the item (Room ID, Department, Tags), once as
 *   `{{ $json.field }}` and once as other expressions of the same values; the HTTP Request node
 *   builds the same request from two expressions (URL, JSON body); the minimal node has two (URL, tag).
 * - A rate-limited API (token bucket 50/s, burst 10, 429 with Retry-After: 1): 1,500 updates.
 * - Memory: peak RSS (VmHWM) of `n8n execute` with 10,000 items and every field set, minus the
 *   same run where a Code node makes the same output items and a NoOp passes them on; n8n neither
 *   prints nor stores the runs' data (EXECUTIONS_DATA_SAVE_ON_SUCCESS=none); 3 runs.
 * - A burst of webhook executions (bench/burst.ts): 1,000 calls, 200 in flight, against 10
 *   requests/s, in regular mode and in queue mode with two workers. `-- --burst` runs only this.
 * - At scale (bench/scale.ts): 20,000 and 60,000 items, concurrency 10 and 50. `-- --scale` runs
 *   only this.
 * - By operation (bench/operations.ts): CPU per item at concurrency 50 of Lead → Create beside
 *   Chat Room → Update. `-- --operations` runs only this (not part of the full run).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

import type { IRun } from 'n8n-workflow';

import { ensureN8n, type N8nVersion } from '../test/harness/n8n/n8nInstall';
import { packTarball } from '../test/harness/pack';
import { RealN8n } from '../test/harness/n8n/realN8n';
import { VERSIONS } from '../test/harness/n8n/versions';
import { burstQueue, burstRegular, burstReport, BURST_LIMIT, type BurstRow } from './burst';
import { benchPace, paceReport, startPaceMocks, type PaceRow } from './pace';
import { benchScale, scaleReport, type ScaleResult } from './scale';
import { benchOperations, operationsReport, type OperationsResult } from './operations';
import { API_KEY, startMock, type Mock } from './mockProcess';
import {
	agilize,
	echoWorkflow,
	everyField,
	httpRequest,
	minimal,
	noOp,
	otherExpressions,
	workflow,
} from './workflows';
import type { WorkflowJson } from '../test/harness/engine/runWorkflow';

const CPU_ITEMS = 2000;
const RATE_ITEMS = 1500;
const MEMORY_ITEMS = 10_000;
const LATENCY_MS = 20;

const nodeSeconds = (run: IRun | undefined) =>
	(run?.data.resultData.runData.Target?.[0]?.executionTime ?? Number.NaN) / 1000;
/** n8n processes that crashed during the bench and were run again. */
const crashes: string[] = [];
const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function benchMajor(
	n8n: N8nVersion,
	tarball: string,
	cpuMock: Mock,
	rateMock: Mock,
	memoryMock: Mock,
) {
	const instance = new RealN8n(await ensureN8n(n8n), tarball);
	instance.installPackage(join(__dirname, 'minimal'), 'n8n-nodes-bench-minimal');
	await instance.importCredentials([
		{
			id: 'benchCpuCredentl',
			name: 'benchCpuCredentl',
			type: 'agilizeApi',
			data: { apiKey: API_KEY, baseUrl: cpuMock.url },
		},
		{
			id: 'benchRateCredent',
			name: 'benchRateCredent',
			type: 'agilizeApi',
			data: { apiKey: API_KEY, baseUrl: rateMock.url },
		},
		{
			id: 'benchMemCredentl',
			name: 'benchMemCredentl',
			type: 'agilizeApi',
			data: { apiKey: API_KEY, baseUrl: memoryMock.url },
		},
	]);
	const workflows = {
		cpuNoOp: workflow('benchCpuNoOp0001', CPU_ITEMS, noOp),
		cpuAgilize: workflow('benchCpuAgilize1', CPU_ITEMS, agilize('benchCpuCredentl')),
		cpuAgilizeOther: workflow(
			'benchCpuAgilize2',
			CPU_ITEMS,
			agilize('benchCpuCredentl', {}, otherExpressions, '={{ String($json.roomId) }}'),
		),
		cpuHttp: workflow('benchCpuHttpReq1', CPU_ITEMS, httpRequest(cpuMock.url)),
		cpuMinimal: workflow('benchCpuMinimal1', CPU_ITEMS, minimal(cpuMock.url)),
		rateDefaults: workflow('benchRateDefault', RATE_ITEMS, agilize('benchRateCredent')),
		rateCapped: workflow(
			'benchRateCapped1',
			RATE_ITEMS,
			agilize('benchRateCredent', { maxRequestsPerSecond: 50 }),
		),
		rateHttp: workflow('benchRateHttpReq', RATE_ITEMS, httpRequest(rateMock.url)),
		memoryNoOp: echoWorkflow('benchMemNoOp0001', MEMORY_ITEMS),
		memoryAgilize: workflow(
			'benchMemAgilize1',
			MEMORY_ITEMS,
			agilize('benchMemCredentl', {}, everyField),
		),
	};
	for (const wf of Object.values(workflows)) await instance.importWorkflow(wf);

	const run = async (
		wf: WorkflowJson & { id: string },
		mock: Mock,
		allowFailure = false,
		memory = false,
	) => {
		await mock.stats();
		// For memory, n8n neither prints nor stores the run's data: what is left is the node's own.
		const measure = memory
			? { rawOutput: false, env: { EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none' } }
			: {};
		let result = await instance.execute(wf.id, measure);
		// n8n 1.x itself has crashed here once (a segmentation fault at 10,000 items): such a run is
		// repeated, and counted.
		for (let again = 0; again < 2 && /Segmentation fault|Aborted/.test(result.output); again++) {
			crashes.push(
				`${wf.id} on n8n ${n8n.version}: ${/Segmentation fault|Aborted/.exec(result.output)?.[0]}, run again`,
			);
			await mock.stats();
			result = await instance.execute(wf.id, measure);
		}
		if (result.status !== 0 && !allowFailure)
			throw new Error(`${wf.id} failed on n8n ${n8n.version}:\n${result.output.slice(-2000)}`);
		return { ...result, stats: await mock.stats() };
	};

	console.log(`n8n ${n8n.version}: CPU per item (${CPU_ITEMS} items, 3 runs each)…`);
	const cpu: Record<string, number[]> = {
		noOp: [],
		agilize: [],
		agilizeOther: [],
		http: [],
		minimal: [],
	};
	for (let i = 0; i < 3; i++) {
		cpu.noOp.push((await run(workflows.cpuNoOp, cpuMock)).cpuSeconds ?? Number.NaN);
		cpu.agilize.push((await run(workflows.cpuAgilize, cpuMock)).cpuSeconds ?? Number.NaN);
		cpu.agilizeOther.push((await run(workflows.cpuAgilizeOther, cpuMock)).cpuSeconds ?? Number.NaN);
		cpu.http.push((await run(workflows.cpuHttp, cpuMock)).cpuSeconds ?? Number.NaN);
		cpu.minimal.push((await run(workflows.cpuMinimal, cpuMock)).cpuSeconds ?? Number.NaN);
	}
	const perItem = (name: string) => ((median(cpu[name]) - median(cpu.noOp)) * 1000) / CPU_ITEMS;
	const cpuRows = {
		agilize: perItem('agilize'),
		agilizeOther: perItem('agilizeOther'),
		http: perItem('http'),
		minimal: perItem('minimal'),
		raw: Object.fromEntries(
			Object.entries(cpu).map(([name, values]) => [
				name,
				values.map((v) => v.toFixed(2)).join(', '),
			]),
		),
	};

	console.log(`n8n ${n8n.version}: rate-limited API (${RATE_ITEMS} updates at 50/s)…`);
	const rate = [];
	for (const [label, wf] of [
		['Agilize node, defaults', workflows.rateDefaults],
		['Agilize node, Max Requests per Second 50', workflows.rateCapped],
		['HTTP Request node, defaults', workflows.rateHttp],
	] as const) {
		const result = await run(wf, rateMock, true);
		const seconds = nodeSeconds(result.run);
		rate.push({ label, seconds, ...result.stats, failed: result.status !== 0 });
	}

	console.log(`n8n ${n8n.version}: memory (${MEMORY_ITEMS} items, every field set, 3 runs)…`);
	const memory: number[] = [];
	for (let i = 0; i < 3; i++) {
		const base = (await run(workflows.memoryNoOp, memoryMock, false, true)).peakRssMb ?? Number.NaN;
		const peak =
			(await run(workflows.memoryAgilize, memoryMock, false, true)).peakRssMb ?? Number.NaN;
		memory.push(peak - base);
	}
	return { cpu: cpuRows, rate, memory };
}

type MajorResult = Awaited<ReturnType<typeof benchMajor>>;

function report(results: Array<[N8nVersion, MajorResult]>): string {
	const lines = [
		`Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version} (n8n 2.x on Node 24); mock Agilize API in its own process on 127.0.0.1, ${LATENCY_MS} ms latency.`,
		'',
		`**CPU per item** (${CPU_ITEMS} items, NoOp run subtracted, median of 3 runs). The Agilize node reads Room ID, Department and Tags from the item: as \`{{ $json.field }}\`, or as other expressions of the same values (\`{{ String($json.roomId) }}\`, \`{{ $json["department"] }}\`, \`{{ [$json.tag] }}\`); the HTTP Request node sends the same request from two expressions (URL, JSON body); the minimal node (the least a node can do per item) has two (URL, tag):`,
		'',
		'| n8n | Agilize node, `{{ $json.field }}` | Agilize node, other expressions | HTTP Request node v4.2 | minimal node | Agilize ÷ HTTP Request | Agilize ÷ minimal |',
		'|---|---|---|---|---|---|---|',
		...results.map(
			([n8n, r]) =>
				`| ${n8n.version} | ${r.cpu.agilize.toFixed(2)} ms | ${r.cpu.agilizeOther.toFixed(2)} ms | ${r.cpu.http.toFixed(2)} ms | ${r.cpu.minimal.toFixed(2)} ms | ${(r.cpu.agilize / r.cpu.http).toFixed(2)} | ${(r.cpu.agilize / r.cpu.minimal).toFixed(2)} |`,
		),
		'',
		...results.map(
			([n8n, r]) =>
				`CPU seconds of the three runs on ${n8n.version}: ${Object.entries(r.cpu.raw)
					.map(([name, values]) => `${name} ${values}`)
					.join('; ')}.`,
		),
		'',
		`**A rate-limited API** (token bucket 50 requests/s, burst 10, 429 with Retry-After: 1; ${RATE_ITEMS} updates; the limit allows them in ${RATE_ITEMS / 50} s):`,
		'',
		'| n8n | run | time in the node (s) | share of the limit’s throughput | rooms updated | 429 answers | peak in flight |',
		'|---|---|---|---|---|---|---|',
		...results.flatMap(([n8n, r]) =>
			r.rate.map(
				(row) =>
					`| ${n8n.version} | ${row.label} | ${row.seconds.toFixed(1)}${row.failed ? ' (failed)' : ''} | ${row.failed ? '–' : `${Math.round((RATE_ITEMS / 50 / row.seconds) * 100)} %`} | ${row.updated} / ${RATE_ITEMS} | ${row.rateLimited} | ${row.peakInFlight} |`,
			),
		),
		'',
		`**Memory**: peak RSS of \`n8n execute\` with ${MEMORY_ITEMS.toLocaleString('en')} items and every field set (latency 0), minus the same run where a Code node makes the same output items for a NoOp; run data neither printed nor stored:`,
		'',
		'| n8n | run 1 | run 2 | run 3 |',
		'|---|---|---|---|',
		...results.map(
			([n8n, r]) =>
				`| ${n8n.version} | ${r.memory.map((mb) => `${mb.toFixed(0)} MB`).join(' | ')} |`,
		),
		...(crashes.length
			? ['', `Runs that crashed inside n8n and were repeated: ${crashes.join('; ')}.`]
			: []),
	];
	return lines.join('\n');
}

async function burstRows(
	chosen: N8nVersion[],
	tarball: string,
	queue: boolean,
	regular = true,
): Promise<string> {
	const mock = await startMock(5714, LATENCY_MS, `${BURST_LIMIT.perSecond}/${BURST_LIMIT.burst}`);
	const rows: BurstRow[] = [];
	const measured = (row: BurstRow) => {
		rows.push(row);
		console.log(JSON.stringify(row));
	};
	try {
		if (regular) for (const n8n of chosen) measured(await burstRegular(n8n, tarball, mock));
		if (queue) for (const n8n of chosen) measured(await burstQueue(n8n, tarball, mock));
	} finally {
		mock.stop();
	}
	return burstReport(rows);
}

/**
 * `-- --burst` measures only the webhook burst (regular and queue mode) and adds it to results.md
 * as a dated section, keeping the earlier runs; `-- --no-queue` leaves queue mode out (it needs Redis and PostgreSQL),
 * `-- --no-regular` regular mode.
 */
async function main() {
	const majors = process.argv.slice(2).filter((arg) => arg in VERSIONS);
	const chosen = (majors.length ? majors : Object.keys(VERSIONS)).map((major) => VERSIONS[major]);
	const burstOnly = process.argv.includes('--burst');
	const paceOnly = process.argv.includes('--pace');
	const queue = !process.argv.includes('--no-queue');
	// `-- --package=<file.tgz>` measures another build, e.g. an earlier release, instead of this one.
	const tarball =
		process.argv.find((arg) => arg.startsWith('--package='))?.slice(10) ?? packTarball();
	await Promise.all(chosen.map(ensureN8n));
	const resultsFile = join(__dirname, 'results.md');
	const appendSection = (title: string, body: string) => {
		const previous = existsSync(resultsFile)
			? readFileSync(resultsFile, 'utf8')
			: '# Benchmark results\n\nProduced by `npm run bench`.';
		const heading = `## ${title} (\`npm run bench -- ${process.argv.slice(2).join(' ')}\`), ${new Date().toISOString().slice(0, 10)}`;
		writeFileSync(resultsFile, `${previous.trimEnd()}\n\n${heading}\n\n${body}\n`);
	};
	if (process.argv.includes('--operations')) {
		const rows: OperationsResult[] = [];
		for (const n8n of chosen) rows.push(await benchOperations(n8n, tarball));
		const section = operationsReport(rows);
		console.log(section);
		appendSection('Operations only', section);
		return;
	}
	if (process.argv.includes('--scale')) {
		const rows: ScaleResult[] = [];
		for (const n8n of chosen) rows.push(await benchScale(n8n, tarball));
		const section = scaleReport(rows);
		console.log(section);
		appendSection('Scale only', section);
		return;
	}
	if (paceOnly) {
		const mocks = await startPaceMocks();
		const rows: PaceRow[] = [];
		try {
			for (const n8n of chosen) rows.push(...(await benchPace(n8n, tarball, mocks)));
		} finally {
			for (const mock of Object.values(mocks)) mock.stop();
		}
		const burst = await burstRows(chosen, tarball, false);
		const section = `${paceReport(rows)}\n\n${burst}`;
		console.log(section);
		appendSection('Pace only', section);
		return;
	}
	if (burstOnly) {
		const burst = await burstRows(chosen, tarball, queue, !process.argv.includes('--no-regular'));
		console.log(burst);
		appendSection('Webhook burst only', burst);
		return;
	}
	const cpuMock = await startMock(5711, LATENCY_MS);
	const rateMock = await startMock(5712, LATENCY_MS, '50/10');
	const memoryMock = await startMock(5713, 0);
	try {
		const results: Array<[N8nVersion, MajorResult]> = [];
		for (const n8n of chosen)
			results.push([n8n, await benchMajor(n8n, tarball, cpuMock, rateMock, memoryMock)]);
		const table = report(results);
		console.log(table);
		const burst = await burstRows(chosen, tarball, queue);
		console.log(burst);
		const scale: ScaleResult[] = [];
		for (const n8n of chosen) scale.push(await benchScale(n8n, tarball));
		// Appended, like the single scenarios: earlier runs stay as the lab notes they are.
		appendSection('Full run', `${table}\n\n${burst}\n\n${scaleReport(scale)}`);
	} finally {
		cpuMock.stop();
		rateMock.stop();
		memoryMock.stop();
	}
}

void main();
