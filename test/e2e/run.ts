/**
 * `npm run test:e2e`: the packed package in real n8n, against the mock Agilize API on 127.0.0.1.
 * Installs the pinned n8n once into a cache outside the repository (see n8nInstall.ts).
 */
import assert from 'node:assert/strict';

import type { INodeExecutionData, IRun } from 'n8n-workflow';

import type { WorkflowJson } from '../harness/engine/runWorkflow';
import { loadFixture } from '../harness/fixtures';
import { AgilizeMock } from '../harness/mock/agilizeMock';
import {
	everyFieldTypeBody,
	everyFieldTypePath,
	severalItemsRequests,
} from '../node/chatRoom/update/expected';
import { credentialProblems, httpRequestWorkflow } from '../harness/httpRequestNode';
import { PROBE_ROOM_ID } from '../../nodes/Agilize/methods/credentialTest';
import { ensureN8n, type N8nVersion } from '../harness/n8n/n8nInstall';
import { packTarball } from '../harness/pack';
import { burstName, checkBurst, prepareBurst, startBurstMock } from './burst.e2e';
import { hintsAndLogsScenarios } from './hintsAndLogs.e2e';
import { hostileServerScenarios } from './hostileServer.e2e';
import { runMcpScenarios } from './mcp.e2e';
import { operationsScenarios, prepareOperations } from './operations.e2e';
import { runQueueScenarios } from './queueMode.e2e';
import {
	activatesImportedWorkflows,
	errorOutput,
	toolExecutorOf,
	type ToolExecutor,
} from './releases';
import { failedScenarios, onlyMcp, scenarios } from './scenarios';
import { RealN8n } from '../harness/n8n/realN8n';
import { N8nRest } from '../harness/n8n/rest';
import { BELOW_FLOOR, MATRIX, olderThan, VERSIONS } from '../harness/n8n/versions';

const API_KEY = 'ak_e2e_7d41c0a9b3e2';
const WRONG_KEY = 'ak_e2e_wrong_55aa00';

function fixture(
	name: string,
	id: string,
	credentialId = 'agilizeTestCred',
): WorkflowJson & { id: string } {
	const workflow = loadFixture(name);
	for (const node of workflow.nodes) {
		if (node.credentials?.agilizeApi) node.credentials.agilizeApi.id = credentialId;
	}
	return { ...workflow, id };
}

/** n8n's Tool Executor (what the editor runs for a tool node alone) calling the Agilize tool once. */
function agentToolWorkflow(id: string, executor: ToolExecutor): WorkflowJson & { id: string } {
	const position: [number, number] = [0, 0];
	const args = { roomId: 'missing-room', department: 'sales' };
	const query = JSON.stringify(executor === 'keyed' ? { UpdateRoom: args } : args);
	return {
		id,
		name: 'Agilize as an agent tool',
		nodes: [
			{
				id: '00000000-0000-4000-8000-0000000000b1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position,
				parameters: {},
			},
			{
				id: '00000000-0000-4000-8000-0000000000b2',
				name: 'Tool Executor',
				type: '@n8n/n8n-nodes-langchain.toolExecutor',
				typeVersion: 1,
				position,
				parameters: { query, toolName: '' },
			},
			{
				id: '00000000-0000-4000-8000-0000000000b3',
				name: 'UpdateRoom',
				type: 'n8n-nodes-agilize.agilizeTool',
				typeVersion: 1,
				position,
				credentials: { agilizeApi: { id: 'agilizeTestCred', name: 'Agilize account' } },
				parameters: {
					resource: 'chatRoom',
					operation: 'update',
					roomId: "={{ $fromAI('roomId', 'ID of the chat room', 'string') }}",
					updateFields: {
						department: "={{ $fromAI('department', 'Department to move the room to', 'string') }}",
					},
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Tool Executor', type: 'main', index: 0 }]] },
			UpdateRoom: { ai_tool: [[{ node: 'Tool Executor', type: 'ai_tool', index: 0 }]] },
		},
		// n8n 1.94's `execute` reads the settings of a workflow whose run fails, and stops on none.
		settings: { executionOrder: 'v1' },
	};
}

const output = (run: IRun | undefined, outputIndex = 0): INodeExecutionData[] =>
	run?.data.resultData.runData.Agilize?.[0]?.data?.main?.[outputIndex] ?? [];

async function runScenarios(n8n: N8nVersion, tarball: string): Promise<number> {
	const started = Date.now();
	const installed = await ensureN8n(n8n);
	const script = {
		r1: [{ status: 503, body: { message: 'busy' } }],
		r2: [{ status: 429, headers: { 'retry-after': '1' } }],
		r3: [{ fault: 'reset' as const }],
	};
	const mock = await new AgilizeMock({ apiKey: API_KEY, missingRooms: ['missing-room'] }).start();
	// Where a hostile or misconfigured server redirects to: another host (localhost, not 127.0.0.1).
	const elsewhere = await new AgilizeMock({ apiKey: API_KEY }).start();
	const elsewhereOrigin = elsewhere.baseUrl.replace('127.0.0.1', 'localhost');
	const burstMock = await startBurstMock(API_KEY);
	const runner = scenarios(mock);
	const { scenario } = runner;
	try {
		const instance = new RealN8n(installed, tarball);
		await instance.importCredentials([
			{
				id: 'agilizeTestCred',
				name: 'Agilize account',
				type: 'agilizeApi',
				data: { apiKey: API_KEY, baseUrl: `${mock.baseUrl}/` },
			},
			{
				id: 'agilizeWrongKey',
				name: 'Agilize wrong key',
				type: 'agilizeApi',
				data: { apiKey: WRONG_KEY, baseUrl: mock.baseUrl },
			},
			{
				id: 'agilizeNoServer',
				name: 'Agilize unreachable',
				type: 'agilizeApi',
				data: { apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9' },
			},
		]);
		for (const [name, id, cred] of [
			['every-field-type', 'e2eEveryField01', undefined],
			['several-items', 'e2eSeveralItem1', undefined],
			['error-output', 'e2eErrorOutput1', undefined],
			['assign-room', 'e2eRejectedKey1', 'agilizeWrongKey'],
			['assign-room', 'e2eUnreachable1', 'agilizeNoServer'],
			['several-items', 'e2eRetries00001', undefined],
			['error-output', 'e2eHostile00001', undefined],
		] as const) {
			await instance.importWorkflow(fixture(name, id, cred));
		}
		const toolExecutor = toolExecutorOf(installed);
		if (toolExecutor !== 'none')
			await instance.importWorkflow(agentToolWorkflow('e2eAgentTool001', toolExecutor));
		await instance.importWorkflow({
			...httpRequestWorkflow(fixture('http-request-node', 'e2eHttpRequest1'), mock.baseUrl),
			id: 'e2eHttpRequest1',
		});
		const dryRun = fixture('several-items', 'e2eDryRun000001');
		const dryRunNode = dryRun.nodes.find((node) => node.type === 'n8n-nodes-agilize.agilize');
		if (dryRunNode) dryRunNode.parameters.options = { dryRun: true };
		await instance.importWorkflow(dryRun);
		await prepareOperations(instance, fixture);

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
			assert.deepEqual(output(run), [
				{ json: { _id: 'room 42/a', ...everyFieldTypeBody }, pairedItem: { item: 0 } },
			]);
		});

		await scenario(
			'several items with expressions: one request each, in order, paired',
			async () => {
				const { run, status, output: text } = await instance.execute('e2eSeveralItem1');
				assert.equal(status, 0, text.slice(-3000));
				assert.deepEqual(
					mock.requests.map((r) => [r.url, r.body]),
					severalItemsRequests,
				);
				assert.deepEqual(
					output(run).map((i) => [i.json._id, i.pairedItem]),
					[
						['r1', { item: 0 }],
						['r2', { item: 1 }],
						['r3', { item: 2 }],
					],
				);
			},
		);

		await scenario(
			'a 404 in the middle goes to the error output; the other items succeed',
			async () => {
				const { run, status, output: text } = await instance.execute('e2eErrorOutput1');
				assert.equal(status, 0, text.slice(-3000));
				assert.equal(mock.requests.length, 3);
				assert.deepEqual(
					output(run, 0).map((i) => [i.json._id, i.pairedItem]),
					[
						['r1', { item: 0 }],
						['r3', { item: 2 }],
					],
				);
				assert.deepEqual(errorOutput(output(run, 1), n8n.version), [
					[{ error: 'Chat room "missing-room" was not found (HTTP 404)' }, { item: 1 }],
				]);
			},
		);

		await scenario(
			'a rejected key fails the execution with the credential named, the key nowhere',
			async () => {
				const { run, status, output: text } = await instance.execute('e2eRejectedKey1');
				assert.notEqual(status, 0);
				assert.match(
					text,
					/Agilize rejected the API key \(HTTP 401\): check the Agilize API credential/,
				);
				assert.equal(
					run?.data.resultData.error?.message,
					'Agilize rejected the API key (HTTP 401): check the Agilize API credential',
				);
				assert.ok(!text.includes(WRONG_KEY), 'the API key appears in the output');
			},
		);

		await scenario('an unreachable Base URL is named, with the cause', async () => {
			const { run, status } = await instance.execute('e2eUnreachable1');
			assert.notEqual(status, 0);
			assert.equal(
				run?.data.resultData.error?.message,
				'Could not reach Agilize at http://127.0.0.1:9: the connection was refused',
			);
		});

		await scenario(
			'transient failures (503, 429 with Retry-After, a reset connection) are retried; each room updated once',
			async () => {
				mock.options.script = script;
				const { run, status, output: text } = await instance.execute('e2eRetries00001');
				mock.options.script = undefined;
				assert.equal(status, 0, text.slice(-3000));
				assert.deepEqual(
					['r1', 'r2', 'r3'].map((room) => mock.requestsFor(room).length),
					[2, 2, 2],
				);
				assert.deepEqual(
					output(run).map((i) => i.json._id),
					['r1', 'r2', 'r3'],
				);
			},
		);

		await scenario(
			'redirects (307, 301) to another host and a 200 with HTML are item errors; the other host receives nothing',
			async () => {
				mock.options.responses = {
					r1: { status: 307, headers: { location: `${elsewhereOrigin}/messenger/chat/room/r1` } },
					'missing-room': {
						status: 301,
						headers: { location: `${elsewhereOrigin}/collect?key=${API_KEY}` },
					},
					r3: {
						status: 200,
						rawBody: '<!DOCTYPE html><html><body>Sign in</body></html>',
						headers: { 'content-type': 'text/html' },
					},
				};
				const { run, status, output: text } = await instance.execute('e2eHostile00001');
				mock.options.responses = undefined;
				assert.equal(status, 0, text.slice(-3000));
				assert.equal(elsewhere.requests.length, 0, 'the key followed a redirect to another host');
				assert.equal(mock.requests.length, 3, 'a redirect or an HTML answer was retried');
				assert.deepEqual(output(run, 0), []);
				const redirect = (code: number) =>
					`Agilize answered with a redirect (HTTP ${code}) to ${elsewhereOrigin}, which this node does not follow: the Base URL is probably wrong`;
				assert.deepEqual(errorOutput(output(run, 1), n8n.version), [
					[{ error: redirect(307) }, { item: 0 }],
					[{ error: redirect(301) }, { item: 1 }],
					[
						{ error: 'Agilize answered HTTP 200 without a JSON object: check the Base URL' },
						{ item: 2 },
					],
				]);
				assert.ok(!text.includes(API_KEY), 'the API key appears in the output');
			},
		);

		await scenario(
			'Dry Run: each request built as it would be sent, nothing sent, no key in the output',
			async () => {
				const { run, status, output: text } = await instance.execute('e2eDryRun000001');
				assert.equal(status, 0, text.slice(-3000));
				assert.equal(mock.requests.length, 0, 'Dry Run sent requests');
				assert.deepEqual(
					output(run).map((i) => [i.json, i.pairedItem]),
					severalItemsRequests.map(([path, body], item) => [
						{ method: 'PATCH', url: `${mock.baseUrl}${path}`, body },
						{ item },
					]),
				);
				assert.ok(!text.includes(API_KEY), 'the API key appears in the output');
			},
		);

		await operationsScenarios(instance, mock, scenario);

		if (toolExecutor === 'none')
			console.log(
				`  - as an AI agent's tool: skipped, n8n ${n8n.version} has no Tool Executor node to run a tool alone`,
			);
		if (toolExecutor !== 'none')
			await scenario(
				"as an AI agent's tool (n8n's Tool Executor runs agilizeTool): a 404 is the tool's answer, not a failed run",
				async () => {
					const { run, status, output: text } = await instance.execute('e2eAgentTool001');
					assert.equal(status, 0, text.slice(-3000));
					assert.deepEqual(
						mock.requests.map((r) => [r.url, r.body]),
						[['/messenger/chat/room/missing-room', { department: 'sales' }]],
					);
					// The tool answers the agent with JSON text, which the Tool Executor outputs as it is.
					const [executed] =
						run?.data.resultData.runData['Tool Executor']?.[0]?.data?.main?.[0] ?? [];
					const raw = executed?.json as unknown;
					const answer = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
					assert.deepEqual(answer, [
						{
							success: false,
							error: 'Chat room "missing-room" was not found (HTTP 404)',
							details: 'Room not found',
							whatToChange: 'No chat room has this ID: use the ID of an existing room.',
						},
					]);
				},
			);

		await hostileServerScenarios(
			instance,
			mock,
			scenario,
			fixture('assign-room', 'e2eAssignRoom01'),
		);

		await hintsAndLogsScenarios(
			instance,
			installed,
			mock,
			scenario,
			{
				errorOutput: fixture('error-output', 'e2eHintsErrors1'),
				clean: fixture('several-items', 'e2eHintsClean01'),
			},
			API_KEY,
			n8n.version,
		);

		await scenario(
			"n8n's HTTP Request node with Predefined Credential Type → Agilize API: x-api-key and nothing else of the credential",
			async () => {
				const { run, status, output: text } = await instance.execute('e2eHttpRequest1');
				assert.equal(status, 0, text.slice(-3000));
				// Credential agilizeTestCred, as imported above.
				assert.deepEqual(
					credentialProblems(mock.requests, { apiKey: API_KEY, baseUrl: `${mock.baseUrl}/` }),
					[],
				);
				const [item] =
					run?.data.resultData.runData['With Agilize credential']?.[0]?.data?.main?.[0] ?? [];
				assert.deepEqual(item?.json, { _id: 'r-http', department: 'sales' });
				assert.ok(!text.includes(API_KEY), 'the API key appears in the output');
			},
		);

		const major = Number(n8n.version.split('.')[0]);
		const activates = activatesImportedWorkflows(installed, major);
		if (activates) await prepareBurst(instance, major, burstMock, API_KEY);
		else
			console.log(
				`  - ${burstName}: skipped, n8n ${n8n.version}'s CLI cannot activate an imported workflow`,
			);
		const url = await instance.start(5690 + Number(n8n.version.split('.')[0]));
		try {
			await scenario(
				'started n8n: the Test button accepts the key (404 probe), rejects a wrong one; agilize and agilizeTool load',
				async () => {
					const rest = new N8nRest(url);
					await rest.signIn();
					// What the editor's Test button posts for a saved credential, with the form's values.
					const test = (id: string, apiKey: string) =>
						rest.request('POST', '/rest/credentials/test', {
							credentials: {
								id,
								name: 'Agilize account',
								type: 'agilizeApi',
								data: { apiKey, baseUrl: mock.baseUrl },
							},
						});
					if (olderThan(n8n.version, '1.72.0')) {
						// n8n 1.70–1.71 name a community package's nodes twice over when they look for a
						// credential's test function (n8n-core's loader and n8n both add the package name;
						// fixed in 1.72): the Test button fails before it reaches the node, for every
						// community credential tested by a node's function.
						const answer = await test('agilizeTestCred', API_KEY);
						assert.match(
							JSON.stringify(answer.json),
							/Unrecognized node type: n8n-nodes-agilize\.n8n-nodes-agilize\.agilize/,
						);
						assert.equal(mock.requests.length, 0);
						console.log(
							`  (n8n ${n8n.version}: the Test button fails in n8n itself, "Unrecognized node type", as for every community credential tested by a function)`,
						);
					} else {
						const accepted = await test('agilizeTestCred', API_KEY);
						assert.deepEqual(
							(accepted.json as { data: unknown }).data,
							{ status: 'OK', message: 'Connection successful: Agilize accepted the API key' },
							`HTTP ${accepted.status}: ${JSON.stringify(accepted.json).slice(0, 500)}`,
						);
						assert.equal(mock.requests.at(-1)?.url, `/messenger/chat/room/${PROBE_ROOM_ID}`);
						assert.equal(mock.requests.at(-1)?.rawBody, '{}');
						const rejected = await test('agilizeWrongKey', WRONG_KEY);
						assert.deepEqual((rejected.json as { data: unknown }).data, {
							status: 'Error',
							message: 'Agilize rejected the API key (HTTP 401): check the Agilize API credential',
						});
						mock.options.responses = {
							[PROBE_ROOM_ID]: { status: 307, headers: { location: `${elsewhereOrigin}/collect` } },
						};
						const redirected = await test('agilizeTestCred', API_KEY);
						mock.options.responses = undefined;
						assert.deepEqual((redirected.json as { data: unknown }).data, {
							status: 'Error',
							message: `Agilize answered with a redirect (HTTP 307) to ${elsewhereOrigin}, which this node does not follow: the Base URL is probably wrong`,
						});
						assert.equal(elsewhere.requests.length, 0, 'the credential test followed a redirect');
					}

					// The node types the editor loads, as the signed-in editor fetches them.
					const served = await rest.request('GET', '/types/nodes.json');
					assert.equal(served.status, 200);
					const names = (served.json as Array<{ name: string }>).map((type) => type.name);
					assert.ok(names.includes('n8n-nodes-agilize.agilize'), 'the Agilize node is not loaded');
					assert.ok(
						names.includes('n8n-nodes-agilize.agilizeTool'),
						'the Agilize tool variant is not loaded',
					);
					assert.doesNotMatch(instance.log, /n8n-nodes-agilize.*(error|failed)/i);
				},
			);

			if (activates) await scenario(burstName, async () => checkBurst(url, burstMock));
		} finally {
			await instance.stop();
		}
	} finally {
		await mock.stop();
		await elsewhere.stop();
		await burstMock.stop();
	}
	console.log(
		`n8n ${n8n.version}: ${runner.passed} scenarios passed in ${((Date.now() - started) / 1000).toFixed(0)} s`,
	);
	return runner.passed;
}

/**
 * Which n8n to run: `npm run test:e2e -- 1` or `-- 2` (each major's pinned release), a release of
 * the matrix (or below the floor) by its version (`-- 1.70.0`), or `-- --matrix` for the whole
 * matrix, oldest first; both majors by default. `-- --queue` runs the queue-mode scenarios (a
 * main and two workers, Redis, PostgreSQL) instead of the others.
 */
const args = process.argv.slice(2);
const requested = [
	...(args.includes('--matrix') ? MATRIX : []),
	...args.flatMap(
		(arg) => VERSIONS[arg] ?? [...MATRIX, ...BELOW_FLOOR].filter((n8n) => n8n.version === arg),
	),
];
const queueMode = args.includes('--queue');

async function main() {
	const started = Date.now();
	const tarball = packTarball();
	let passed = 0;
	try {
		const chosen = requested.length ? [...new Set(requested)] : Object.values(VERSIONS);
		// Installs (cold cache only) run two at a time: they wait on the registry more than the CPU,
		// but the whole matrix at once on two cores would stretch each past npm's 20-minute limit.
		for (let i = 0; i < chosen.length; i += 2)
			await Promise.all(chosen.slice(i, i + 2).map(ensureN8n));
		console.log(`n8n ready (${((Date.now() - started) / 1000).toFixed(0)} s)`);
		for (const version of chosen) {
			if (queueMode) {
				passed += await runQueueScenarios(version, tarball);
				continue;
			}
			// E2E_ONLY=mcp: only the MCP example's scenarios, without starting the others' n8n (minutes less per release).
			if (!onlyMcp) passed += await runScenarios(version, tarball);
			passed += await runMcpScenarios(version, tarball);
		}
	} catch (error) {
		console.error(error instanceof Error ? (error.stack ?? error.message) : error);
		console.log(`${passed} passed, 1 failed`);
		process.exitCode = 1;
		return;
	}
	console.log(`e2e: ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
	console.log(`${passed} passed, ${failedScenarios()} failed`);
}

void main();
