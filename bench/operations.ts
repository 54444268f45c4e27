/**
 * What each operation costs beside the room update, in real n8n: CPU per item at concurrency 50
 * (CPU of the process less the No Operation run's, 2,000 items against a 20 ms API, median of 3
 * runs) for Chat Room → Update and Lead → Create, each with two fields from expressions.
 * `npm run bench -- --operations` runs it; `-- 1` or `-- 2` for one major.
 */
import type { N8nVersion } from '../test/harness/n8n/n8nInstall';
import { ensureN8n } from '../test/harness/n8n/n8nInstall';
import { RealN8n } from '../test/harness/n8n/realN8n';
import { API_KEY, startMock } from './mockProcess';
import { agilize, leadCreate, noOp, workflow, type Target } from './workflows';

const ITEMS = 2000;
const LATENCY_MS = 20;
const RUNS = 3;

export interface OperationsResult {
	n8n: string;
	/** CPU ms per item, by workflow; the CPU seconds of every run. */
	perItem: { roomUpdate: number; leadCreate: number };
	raw: Record<string, number[]>;
	/** Whether every lead was created once and every room updated. */
	complete: boolean;
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function benchOperations(n8n: N8nVersion, tarball: string): Promise<OperationsResult> {
	const mock = await startMock(5741, LATENCY_MS);
	try {
		const instance = new RealN8n(await ensureN8n(n8n), tarball);
		await instance.importCredentials([
			{
				id: 'benchOpsCred0001',
				name: 'bench',
				type: 'agilizeApi',
				data: { apiKey: API_KEY, baseUrl: mock.url },
			},
		]);
		const targets: Record<string, Target> = {
			noOp,
			roomUpdate: agilize('benchOpsCred0001', { concurrency: 50 }),
			leadCreate: leadCreate('benchOpsCred0001', { concurrency: 50 }),
		};
		const ids: Record<string, string> = {};
		for (const [name, target] of Object.entries(targets)) {
			ids[name] = `benchOps${name}`.slice(0, 16).padEnd(16, '0');
			await instance.importWorkflow(workflow(ids[name], ITEMS, target));
		}
		const raw: Record<string, number[]> = { noOp: [], roomUpdate: [], leadCreate: [] };
		let complete = true;
		for (let i = 0; i < RUNS; i++) {
			for (const name of Object.keys(targets)) {
				await mock.stats();
				const run = await instance.execute(ids[name], {});
				if (run.status !== 0) throw new Error(`${ids[name]} failed:\n${run.output.slice(-2000)}`);
				const { updated, created } = await mock.stats();
				if (name === 'roomUpdate' && updated !== ITEMS) complete = false;
				if (name === 'leadCreate' && created !== ITEMS) complete = false;
				raw[name].push(run.cpuSeconds ?? Number.NaN);
			}
		}
		const perItem = (name: string) => ((median(raw[name]) - median(raw.noOp)) * 1000) / ITEMS;
		return {
			n8n: n8n.version,
			perItem: { roomUpdate: perItem('roomUpdate'), leadCreate: perItem('leadCreate') },
			raw,
			complete,
		};
	} finally {
		mock.stop();
	}
}

export function operationsReport(results: OperationsResult[]): string {
	return [
		`**CPU per item at concurrency 50, by operation** (${ITEMS.toLocaleString('en')} items, ${LATENCY_MS} ms API, No Operation run subtracted, median of ${RUNS}):`,
		'',
		'| n8n | Chat Room → Update | Lead → Create | Lead ÷ Room | CPU seconds (No Operation; Room; Lead) |',
		'|---|---|---|---|---|',
		...results.map(
			(r) =>
				`| ${r.n8n} | ${r.perItem.roomUpdate.toFixed(2)} ms | ${r.perItem.leadCreate.toFixed(2)} ms | ${(r.perItem.leadCreate / r.perItem.roomUpdate).toFixed(2)} | ${['noOp', 'roomUpdate', 'leadCreate'].map((name) => r.raw[name].map((s) => s.toFixed(2)).join(', ')).join('; ')}${r.complete ? '' : ' (not every item reached the mock)'} |`,
		),
	].join('\n');
}
