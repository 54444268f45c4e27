/**
 * `npm run test:e2e`: the packed package in real n8n, against the mock Agilize API on 127.0.0.1.
 * Installs the pinned n8n once into a cache outside the repository (see n8nInstall.ts).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INodeExecutionData, IRun } from 'n8n-workflow';

import type { WorkflowJson } from '../engine/runWorkflow';
import { AgilizeMock } from '../mock/agilizeMock';
import { everyFieldTypeBody, everyFieldTypePath, severalItemsRequests } from '../workflows/expected';
import { ensureN8n, type N8nVersion } from './n8nInstall';
import { RealN8n } from './realN8n';

const root = join(__dirname, '..', '..');
const API_KEY = 'ak_e2e_7d41c0a9b3e2';
const WRONG_KEY = 'ak_e2e_wrong_55aa00';

export const N8N_1: N8nVersion = { version: '1.123.81', overrides: { xlsx: '0.18.5', 'isolated-vm': '5.0.4' } };

function fixture(name: string, id: string, credentialId = 'agilizeTestCred'): WorkflowJson & { id: string } {
	const workflow = JSON.parse(readFileSync(join(root, 'test', 'workflows', `${name}.json`), 'utf8')) as WorkflowJson;
	for (const node of workflow.nodes) {
		if (node.credentials?.agilizeApi) node.credentials.agilizeApi.id = credentialId;
	}
	return { ...workflow, id };
}

const output = (run: IRun | undefined, outputIndex = 0): INodeExecutionData[] =>
	run?.data.resultData.runData.Agilize?.[0]?.data?.main?.[outputIndex] ?? [];

function pack(): string {
	execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
	const dir = mkdtempSync(join(tmpdir(), 'agilize-e2e-pack-'));
	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' })) as Array<{ filename: string }>;
	return join(dir, packed.filename);
}

async function runScenarios(n8n: N8nVersion, tarball: string): Promise<number> {
	const started = Date.now();
	const bin = ensureN8n(n8n);
	console.log(`n8n ${n8n.version} ready (${((Date.now() - started) / 1000).toFixed(0)} s)`);
	const mock = await new AgilizeMock({ apiKey: API_KEY, missingRooms: ['missing-room'] }).start();
	let passed = 0;
	const scenario = async (name: string, check: () => void | Promise<void>) => {
		const t = Date.now();
		mock.requests.length = 0;
		await check();
		passed++;
		console.log(`  ✓ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
	};
	try {
		const instance = new RealN8n(bin, tarball, n8n.nodeBinDir?.());
		await instance.importCredentials([
			{ id: 'agilizeTestCred', name: 'Agilize account', type: 'agilizeApi', data: { apiKey: API_KEY, baseUrl: `${mock.baseUrl}/` } },
			{ id: 'agilizeWrongKey', name: 'Agilize wrong key', type: 'agilizeApi', data: { apiKey: WRONG_KEY, baseUrl: mock.baseUrl } },
		]);
		for (const [name, id, cred] of [
			['every-field-type', 'e2eEveryField01', undefined],
			['several-items', 'e2eSeveralItem1', undefined],
			['error-output', 'e2eErrorOutput1', undefined],
			['assign-room', 'e2eRejectedKey1', 'agilizeWrongKey'],
		] as const) {
			await instance.importWorkflow(fixture(name, id, cred));
		}

		await scenario('every field type reaches the API exactly as documented', async () => {
			const { run, status, output: text } = await instance.execute('e2eEveryField01');
			assert.equal(status, 0, text.slice(-3000));
			assert.equal(mock.requests.length, 1);
			const [request] = mock.requests;
			assert.equal(request.method, 'PATCH');
			assert.equal(request.url, everyFieldTypePath);
			assert.equal(request.headers['x-api-key'], API_KEY);
			assert.equal(request.headers.accept, 'application/json');
			assert.equal(request.headers['content-type'], 'application/json');
			assert.deepEqual(request.body, everyFieldTypeBody);
			assert.deepEqual(output(run), [{ json: { _id: 'room 42/a', ...everyFieldTypeBody }, pairedItem: { item: 0 } }]);
		});

		await scenario('several items with expressions: one request each, in order, paired', async () => {
			const { run, status, output: text } = await instance.execute('e2eSeveralItem1');
			assert.equal(status, 0, text.slice(-3000));
			assert.deepEqual(mock.requests.map((r) => [r.url, r.body]), severalItemsRequests);
			assert.deepEqual(output(run).map((i) => [i.json._id, i.pairedItem]), [
				['r1', { item: 0 }],
				['r2', { item: 1 }],
				['r3', { item: 2 }],
			]);
		});

		await scenario('a 404 in the middle goes to the error output; the other items succeed', async () => {
			const { run, status, output: text } = await instance.execute('e2eErrorOutput1');
			assert.equal(status, 0, text.slice(-3000));
			assert.equal(mock.requests.length, 3);
			assert.deepEqual(output(run, 0).map((i) => [i.json._id, i.pairedItem]), [
				['r1', { item: 0 }],
				['r3', { item: 2 }],
			]);
			assert.deepEqual(output(run, 1).map((i) => [i.json, i.pairedItem]), [
				[{ error: 'Chat room "missing-room" was not found (HTTP 404)' }, { item: 1 }],
			]);
		});

		await scenario('a rejected key fails the execution with the credential named, the key nowhere', async () => {
			const { run, status, output: text } = await instance.execute('e2eRejectedKey1');
			assert.notEqual(status, 0);
			assert.match(text, /Agilize rejected the API key \(HTTP 401\): check the Agilize API credential/);
			assert.equal(run?.data.resultData.error?.message, 'Agilize rejected the API key (HTTP 401): check the Agilize API credential');
			assert.ok(!text.includes(WRONG_KEY), 'the API key appears in the output');
		});
	} finally {
		await mock.stop();
	}
	console.log(`n8n ${n8n.version}: ${passed} scenarios passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	return passed;
}

async function main() {
	const tarball = pack();
	let passed = 0;
	try {
		passed += await runScenarios(N8N_1, tarball);
	} catch (error) {
		console.error(error instanceof Error ? (error.stack ?? error.message) : error);
		console.log(`${passed} passed, 1 failed`);
		process.exitCode = 1;
		return;
	}
	console.log(`${passed} passed, 0 failed`);
}

void main();
