/**
 * `npm run bench`: throughput, CPU and memory of the Agilize node, and n8n's HTTP Request node
 * doing the same updates, in one run against the same mock Agilize API (a separate process on
 * 127.0.0.1, so that its CPU is not counted). Prints a table and writes bench/results.md.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

import type { INode, IRun } from 'n8n-workflow';

import { ensureN8n } from '../test/e2e/n8nInstall';
import { pack } from '../test/e2e/pack';
import { RealN8n } from '../test/e2e/realN8n';
import { N8N_1 } from '../test/e2e/versions';
import { runWorkflow, type WorkflowJson } from '../test/engine/runWorkflow';

const root = join(__dirname, '..');
const API_KEY = 'bench-api-key';
const ITEMS = 1000;

interface Mock {
	url: string;
	stats(): Promise<{ requests: number; peakInFlight: number }>;
	stop(): void;
}

async function startMock(port: number, latencyMs: number): Promise<Mock> {
	const child: ChildProcess = fork(join(root, 'test', 'mock', 'serve.ts'), [String(port), API_KEY, String(latencyMs), '--quiet'], {
		execArgv: ['--import', 'tsx'],
		stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
	});
	await new Promise<void>((resolve, reject) => {
		child.once('message', () => resolve());
		child.once('exit', (code) => reject(new Error(`mock exited with ${code}`)));
	});
	const url = `http://127.0.0.1:${port}`;
	return {
		url,
		// DELETE reads and resets, so that each measurement starts from zero.
		stats: async () => (await (await fetch(`${url}/__stats`, { method: 'DELETE' })).json()) as { requests: number; peakInFlight: number },
		stop: () => child.kill(),
	};
}

const itemsCode = (count: number) =>
	`return Array.from({ length: ${count} }, (_, i) => ({ json: { roomId: 'room-' + i, i } }));`;

function workflow(id: string, count: number, target: Omit<INode, 'id' | 'name' | 'position'>): WorkflowJson & { id: string } {
	const node = (id: string, name: string, rest: Omit<INode, 'id' | 'name' | 'position'>, x: number): INode => ({ id, name, position: [x, 0], ...rest });
	return {
		id,
		name: `bench ${target.type}`,
		nodes: [
			node('00000000-0000-4000-8000-00000000000a', 'Start', { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} }, 0),
			node('00000000-0000-4000-8000-00000000000b', 'Items', { type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: itemsCode(count) } }, 200),
			node('00000000-0000-4000-8000-00000000000c', 'Target', target, 400),
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Target', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', timezone: 'America/Sao_Paulo' },
	};
}

const agilizeNode = (concurrency: number, updateFields: INode['parameters'] = { tags: '={{ "t" + $json.i }}' }) => ({
	type: 'n8n-nodes-agilize.agilize',
	typeVersion: 1,
	credentials: { agilizeApi: { id: 'benchCredential01', name: 'bench' } },
	parameters: { resource: 'chatRoom', operation: 'update', roomId: '={{ $json.roomId }}', updateFields, options: { concurrency } },
});

const httpRequestNode = (mockUrl: string) => ({
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	parameters: {
		method: 'PATCH',
		url: `={{ "${mockUrl}/messenger/chat/room/" + encodeURIComponent($json.roomId) }}`,
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'x-api-key', value: API_KEY }] },
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify({ tags: ["t" + $json.i] }) }}',
		options: {},
	},
});

/** Every body field set, for the memory measurement. */
const everyField: INode['parameters'] = {
	guest: 'g', users: 'u1, u2', prefUser: 'p', owner: 'o', prefUserPendAttr: true, histUsers: 'h1, h2', tags: '={{ "t" + $json.i }}',
	conversationDetailTags: 'c1', department: 'sales', contact: 'c', tl: 'tl', lastTl: 'ltl', currFlow: 'f', currFlowDtLimit: '2026-11-25T10:00:00',
	user: 'u', lead: 'l', info: { values: { name: 'n', phone: 'p', email: 'e@x.com' } }, lastEvent: '2026-11-25T10:00:00', createdAt: '2026-11-25T10:00:00Z',
	lastFromUser: false, lastMsg: 'm', status: 's', currCase: 'cc', triggers: '{"a":1}', chSrc: 1, chInfo: '{"b":2}', highlightVars: '{"c":3}', botFlag: 1,
	srcId: 'si', chId: '5511999990000', chIdType: 'wa_user_id', chUserId: 'cu', chPhone: '5511', chUsername: 'un', chIdPair: 'a|b', mergeTo: 'mt',
	mergeAt: '2026-11-25T10:00:00', utm: { values: { provider: 'p', source: 's', medium: 'm', clickId: 'c', campaignId: 'ci', campaign: 'ca', groupId: 'gi', group: 'g', creativeId: 'cr', creative: 'c', content: 'co', term: 't', url: 'u', ref: 'r' } },
	utmClick: { values: { fbclid: 'f', ctwaClid: 'c', gclid: 'g', gbraid: 'gb', wbraid: 'wb', ttclid: 't' } }, chIsPending: false, dtIsArchived: '2026-11-25T10:00:00',
	dtTransfer: '2026-11-25T10:00:00', chIsArchived: true, isOutbound: false, waCoexTaken: false, isWaitingUser: false, leadUserPendAttr: 1, contactUserPendAttr: 2,
	companyUserPendAttr: 3, _integration: '{"d":4}', transmissionList: 'tlist', idleRulesDisabled: false,
	idleRules: { rules: [{ rule: 'r', idleNextAt: '2026-11-26T10:00:00', idleStep: 1 }] },
};

const nodeTime = (run: IRun | undefined) => run?.data.resultData.runData.Target?.[0]?.executionTime ?? Number.NaN;
const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function inProcess(mock: Mock, count: number, concurrency: number, updateFields?: INode['parameters']) {
	await mock.stats();
	const result = await runWorkflow(workflow('benchInProcess01', count, agilizeNode(concurrency, updateFields)), { agilizeApi: { apiKey: API_KEY, baseUrl: mock.url } });
	if (result.error) throw new Error(result.error.message);
	return { ms: nodeTime(result.run), ...(await mock.stats()) };
}

async function main() {
	const rows: string[][] = [];
	const notes: string[] = [];
	const latency = 20;
	const mock20 = await startMock(5701, latency);
	const mock0 = await startMock(5702, 0);
	try {
		await inProcess(mock0, 200, 10); // warm-up: module loading and JIT
		for (const concurrency of [1, 10, 50]) {
			const { ms, peakInFlight, requests } = await inProcess(mock20, ITEMS, concurrency);
			const ideal = (ITEMS * latency) / concurrency;
			rows.push([`Agilize node, concurrency ${concurrency} (n8n-core engine)`, seconds(ms), seconds(ideal), (ms / ideal).toFixed(2), String(peakInFlight), String(requests)]);
		}

		await mock0.stats();
		const cpuBefore = process.cpuUsage();
		await inProcess(mock0, ITEMS, 10);
		const cpu = process.cpuUsage(cpuBefore);
		const cpuPerItem = (cpu.user + cpu.system) / 1000 / ITEMS;

		const rssBefore = process.memoryUsage().rss;
		let rssPeak = rssBefore;
		const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 5);
		await inProcess(mock0, 10 * ITEMS, 10, everyField);
		clearInterval(sampler);
		rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
		const rssGrowthMb = (rssPeak - rssBefore) / 2 ** 20;

		let httpRequestMs = Number.NaN;
		let realAgilizeMs = Number.NaN;
		try {
			const n8n = new RealN8n(await ensureN8n(N8N_1), pack());
			await n8n.importCredentials([{ id: 'benchCredential01', name: 'bench', type: 'agilizeApi', data: { apiKey: API_KEY, baseUrl: mock20.url } }]);
			for (const [label, node] of [
				[`HTTP Request node v4.2, defaults (real n8n ${N8N_1.version})`, httpRequestNode(mock20.url)],
				[`Agilize node, concurrency 50 (real n8n ${N8N_1.version})`, agilizeNode(50)],
			] as const) {
				const wf = workflow(label.startsWith('HTTP') ? 'benchHttpRequest1' : 'benchAgilizeNode1', ITEMS, node);
				await n8n.importWorkflow(wf);
				await mock20.stats();
				const { run, status, output } = await n8n.execute(wf.id);
				if (status !== 0) throw new Error(`${label} failed:\n${output.slice(-2000)}`);
				const ms = nodeTime(run);
				const { peakInFlight, requests } = await mock20.stats();
				const ideal = label.startsWith('HTTP') ? Number.NaN : (ITEMS * latency) / 50;
				rows.push([label, seconds(ms), Number.isNaN(ideal) ? '–' : seconds(ideal), Number.isNaN(ideal) ? '–' : (ms / ideal).toFixed(2), String(peakInFlight), String(requests)]);
				if (label.startsWith('HTTP')) httpRequestMs = ms;
				else realAgilizeMs = ms;
			}
		} catch (error) {
			notes.push(`Real n8n part skipped: ${(error as Error).message.split('\n')[0]}`);
		}

		const c10 = Number(rows[1][1]) * 1000;
		const c50 = Number(rows[2][1]) * 1000;
		const table = [
			`Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; mock Agilize API in its own process on 127.0.0.1, ${latency} ms latency, ${ITEMS} items.`,
			'',
			'| run | time inside the node (s) | ideal N × latency / concurrency (s) | ratio | peak in flight | requests |',
			'|---|---|---|---|---|---|',
			...rows.map((row) => `| ${row.join(' | ')} |`),
			'',
			'| measure | value | target |',
			'|---|---|---|',
			`| concurrency 10 vs ideal (n8n-core engine) | ${(c10 / 2000).toFixed(2)} × | ≤ 1.15 × |`,
			`| HTTP Request node ÷ Agilize node at concurrency 50, same n8n | ${(httpRequestMs / realAgilizeMs).toFixed(1)} × (engine: ${(httpRequestMs / c50).toFixed(1)} ×) | ≥ 3 × |`,
			`| CPU per item, 0 ms latency, concurrency 10 (whole n8n process) | ${cpuPerItem.toFixed(2)} ms | ≤ 0.6 ms |`,
			`| peak RSS growth, 10,000 items with every field set | ${rssGrowthMb.toFixed(0)} MB | ≤ 100 MB |`,
			...notes.map((note) => `\n${note}`),
		].join('\n');
		console.log(table);
		writeFileSync(join(__dirname, 'results.md'), `# Benchmark results\n\nProduced by \`npm run bench\`.\n\n${table}\n`);
	} finally {
		mock20.stop();
		mock0.stop();
	}
}

void main();
