/**
 * The Agilize Chatbot Trigger and Chatbot → Reply in real n8n: active workflows called at their
 * production URLs as Agilize's chatbot flow calls them (its delegate template's conversation).
 * Run with the other scenarios by `npm run test:e2e`, or alone: `tsx test/e2e/chatbot.e2e.ts 1`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { AgilizeMock } from '../harness/mock/agilizeMock';
import { ensureN8n, type N8nVersion } from '../harness/n8n/n8nInstall';
import { RealN8n } from '../harness/n8n/realN8n';
import { N8nRest } from '../harness/n8n/rest';
import { freePort } from '../harness/n8n/services';
import { VERSIONS, MATRIX } from '../harness/n8n/versions';
import { activateWorkflow } from '../harness/n8n/webhook';
import { packTarball } from '../harness/pack';
import {
	conversationWorkflow,
	firstAnswer,
	firstCall,
	secondAnswer,
	secondCall,
} from '../node/chatbot/reply/expected';
import { activatesImportedWorkflows, answersEmptyWhenFailingBeforeResponseNode } from './releases';
import { scenarios } from './scenarios';

const SECRET_HEADER = 'X-Agilize-Secret';
const SECRET = 'flow-secret-8c2e41d07b';
/** The default path (left empty) is the trigger's webhook ID, which conversationWorkflow derives from the workflow id. */
const LAST_NODE = { id: 'e2eChatbotLast01', path: '' };
const RESPONSE_NODE = { id: 'e2eChatbotResp01', path: 'agilize-chatbot-reply-node' };
const FOUR_BUTTONS = { id: 'e2eChatbotFour01', path: 'agilize-chatbot-four-buttons' };
const FOUR_BUTTONS_LAST = { id: 'e2eChatbotFour02', path: 'agilize-chatbot-four-last' };
const HEADER_AUTH = { id: 'e2eChatbotAuth01', path: 'agilize-chatbot-header-auth' };
const NO_REPLY = { id: 'e2eChatbotNone01', path: 'agilize-chatbot-no-reply' };
const FAILS_FIRST = { id: 'e2eChatbotFail01', path: 'agilize-chatbot-fails-first' };
const CALL_TIMEOUT_MS = 60_000;

const fourButtons: INodeParameters = {
	resource: 'chatbot',
	operation: 'reply',
	messages: {
		values: [
			{ text: 'Olá!' },
			{ text: 'Qual plano?', buttons: ['Básico', 'Pro', 'Max', 'Enterprise'] },
		],
	},
	keepHere: true,
};
/** The Reply's error as the execution holds it (its quotes escaped there, so left out here). */
const FOUR_BUTTONS_ERROR =
	'has 4 buttons; WhatsApp shows at most 3. Remove 1, or offer the other choices in another message. [item 0]';

interface Answer {
	status: number | 'no answer';
	text: string;
	json?: unknown;
}

/** POSTs `body` to the production URL at `path`, as Agilize's flow does. */
async function callAgilizeWay(
	url: string,
	path: string,
	body: IDataObject,
	headers: Record<string, string> = {},
): Promise<Answer> {
	try {
		const response = await fetch(`${url}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
		});
		const text = await response.text();
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, text, json };
	} catch (error) {
		return { status: 'no answer', text: error instanceof Error ? error.message : String(error) };
	}
}

/** Records the chats whose workflow reached its last node after the Reply (GET /done/<chatId>). */
async function startMarker(): Promise<{ url: string; done: Set<string>; server: Server }> {
	const done = new Set<string>();
	const server = createServer((request, response) => {
		const match = /^\/done\/(.+)$/.exec(request.url ?? '');
		if (match) done.add(decodeURIComponent(match[1]));
		response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
	});
	const port = await freePort();
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${port}`, done, server };
}

/** A slow step after the Reply (a 3 s Wait), then a call that says the workflow got there. */
function slowNodesAfterReply(markerUrl: string): INode[] {
	return [
		{
			id: '00000000-0000-4000-8000-0000000c0101',
			name: 'Slow Step',
			type: 'n8n-nodes-base.wait',
			typeVersion: 1.1,
			position: [1100, 0],
			webhookId: '5c1d3b20-7a4e-4f9b-8d2c-0000000000aa',
			parameters: { amount: 3, unit: 'seconds' },
		},
		{
			id: '00000000-0000-4000-8000-0000000c0102',
			name: 'Done',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [1320, 0],
			parameters: {
				url: `=${markerUrl}/done/{{ encodeURIComponent($('Agilize Chatbot Trigger').item.json.chatId) }}`,
				options: {},
			},
		},
	];
}

/** A query of n8n's own SQLite database, read while n8n writes it (waiting out its locks). */
function query(instance: RealN8n, sql: string): string {
	const database = join(instance.userFolder, '.n8n', 'database.sqlite');
	const result = spawnSync(
		'sqlite3',
		['-cmd', '.timeout 30000', '-separator', '|', database, sql],
		{
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
		},
	);
	if (result.status !== 0) throw new Error(`sqlite3: ${result.stderr}`);
	return result.stdout;
}

/** The executions of one workflow (status), in order. */
function executionsOf(
	instance: RealN8n,
	workflowId: string,
): Array<{ id: string; status: string }> {
	return query(
		instance,
		`SELECT id, status FROM execution_entity WHERE workflowId = '${workflowId}' ORDER BY id`,
	)
		.split('\n')
		.filter(Boolean)
		.map((line) => {
			const [id, status] = line.split('|');
			return { id, status };
		});
}

const executionData = (instance: RealN8n, executionId: string): string =>
	query(instance, `SELECT data FROM execution_data WHERE executionId = ${Number(executionId)}`);

/** Waits, up to a minute, until `ready()` holds (n8n records an execution after it answers). */
async function until<T>(what: string, ready: () => T | undefined): Promise<T> {
	for (let tries = 0; tries < 600; tries++) {
		const value = ready();
		if (value !== undefined) return value;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`${what}: not within a minute`);
}

export async function runChatbotScenarios(n8n: N8nVersion, tarball: string): Promise<number> {
	const started = Date.now();
	const installed = await ensureN8n(n8n);
	const major = Number(n8n.version.split('.')[0]);
	if (!activatesImportedWorkflows(installed, major)) {
		console.log(
			`n8n ${n8n.version}: chatbot scenarios skipped (its CLI cannot activate an imported workflow)`,
		);
		return 0;
	}
	// Not used by these workflows; the scenario runner resets its counters.
	const mock = await new AgilizeMock({ apiKey: 'ak_chatbot_unused' }).start();
	const marker = await startMarker();
	const runner = scenarios(mock);
	const { scenario } = runner;
	const instance = new RealN8n(installed, tarball);
	try {
		await instance.importCredentials([
			{
				id: 'chatbotHeaderAuth',
				name: 'Agilize flow secret',
				type: 'httpHeaderAuth',
				data: { name: SECRET_HEADER, value: SECRET },
			},
		]);
		const workflows = [
			conversationWorkflow(LAST_NODE.id, { path: LAST_NODE.path, responseMode: 'lastNode' }),
			conversationWorkflow(RESPONSE_NODE.id, {
				path: RESPONSE_NODE.path,
				responseMode: 'responseNode',
				after: slowNodesAfterReply(marker.url),
			}),
			conversationWorkflow(FOUR_BUTTONS.id, {
				path: FOUR_BUTTONS.path,
				responseMode: 'responseNode',
				reply: fourButtons,
			}),
			conversationWorkflow(FOUR_BUTTONS_LAST.id, {
				path: FOUR_BUTTONS_LAST.path,
				responseMode: 'lastNode',
				reply: fourButtons,
			}),
			conversationWorkflow(HEADER_AUTH.id, {
				path: HEADER_AUTH.path,
				responseMode: 'lastNode',
				authentication: 'headerAuth',
				headerAuthCredentialId: 'chatbotHeaderAuth',
			}),
		];
		// Responding "When Chatbot → Reply Runs" with no Agilize node after the trigger.
		const noReply = conversationWorkflow(NO_REPLY.id, {
			path: NO_REPLY.path,
			responseMode: 'responseNode',
		});
		noReply.nodes = noReply.nodes.slice(0, 1);
		noReply.connections = {};
		workflows.push(noReply);
		// Responding "When Chatbot → Reply Runs", a step before the Reply fails (a model that is down).
		const failsFirst = conversationWorkflow(FAILS_FIRST.id, {
			path: FAILS_FIRST.path,
			responseMode: 'responseNode',
		});
		const [, firstStep] = failsFirst.nodes;
		Object.assign(firstStep, {
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: { jsCode: "throw new Error('The model is down');" },
		});
		failsFirst.connections[firstStep.name] = {
			main: [[{ node: 'First Turn', type: 'main', index: 0 }]],
		};
		workflows.push(failsFirst);
		for (const workflow of workflows) {
			await instance.importWorkflow(workflow);
			await activateWorkflow(instance, workflow.id, major);
		}
		// Left empty, the path is the trigger's webhook ID.
		const defaultPath = workflows[0].nodes[0].webhookId as string;
		const url = await instance.start(await freePort());
		// n8n answers its health check before it has registered active workflows' webhooks.
		for (let tries = 0; ; tries++) {
			const probe = await callAgilizeWay(url, defaultPath, firstCall('Probe'));
			if (probe.status === 200) break;
			assert.ok(tries < 60, `the production URL never answered 200: ${probe.status} ${probe.text}`);
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}

		for (const [mode, path] of [
			['When Last Node Finishes, at the default (random) path', defaultPath],
			['When Chatbot → Reply Runs', RESPONSE_NODE.path],
		] as const) {
			await scenario(
				`chatbot: a two-turn conversation as Agilize's template plays it (${mode}): exactly the template's answers`,
				async () => {
					const first = await callAgilizeWay(url, path, firstCall('Ana', 'Pro'));
					assert.equal(first.status, 200, first.text);
					assert.deepEqual(first.json, firstAnswer('Ana', 'Pro'));
					console.log(`    seq 1 → ${first.text}`);
					const second = await callAgilizeWay(url, path, secondCall('Ana', 'Opção B'));
					assert.equal(second.status, 200, second.text);
					assert.deepEqual(second.json, secondAnswer('Opção B'));
					console.log(`    seq 2 → ${second.text}`);
				},
			);
		}

		await scenario('chatbot: 100 concurrent conversations, each gets its own answer', async () => {
			const names = Array.from({ length: 100 }, (_, i) => `Contato ${i}`);
			const answers = await Promise.all(
				names.map(async (name, i) =>
					i % 2 === 0
						? callAgilizeWay(url, defaultPath, firstCall(name, `Plano ${i}`))
						: callAgilizeWay(url, defaultPath, secondCall(name, `Opção ${i}`)),
				),
			);
			answers.forEach((answer, i) => {
				assert.equal(answer.status, 200, `${names[i]}: ${answer.text.slice(0, 300)}`);
				assert.deepEqual(
					answer.json,
					i % 2 === 0 ? firstAnswer(names[i], `Plano ${i}`) : secondAnswer(`Opção ${i}`),
				);
			});
		});

		await scenario(
			'chatbot: When Chatbot → Reply Runs, the answer arrives while a slow node after the Reply still runs',
			async () => {
				const call = { ...firstCall('Bia', 'Max'), chatId: 'chat-slow-1' };
				const answer = await callAgilizeWay(url, RESPONSE_NODE.path, call);
				const reachedEndBeforeAnswer = marker.done.has('chat-slow-1');
				assert.equal(answer.status, 200, answer.text);
				assert.deepEqual(answer.json, firstAnswer('Bia', 'Max'));
				assert.equal(reachedEndBeforeAnswer, false, 'the workflow had finished before the answer');
				await until('the workflow reaches the node after the slow one', () =>
					marker.done.has('chat-slow-1') ? true : undefined,
				);
			},
		);

		for (const [mode, workflow] of [
			['When Chatbot → Reply Runs', FOUR_BUTTONS],
			['When Last Node Finishes', FOUR_BUTTONS_LAST],
		] as const) {
			await scenario(
				`chatbot: a Reply with four buttons (${mode}): the call fails with an error status, the execution says why`,
				async () => {
					const before = executionsOf(instance, workflow.id).length;
					const answer = await callAgilizeWay(url, workflow.path, firstCall('Caio'));
					console.log(`    → HTTP ${answer.status} ${answer.text}`);
					assert.equal(typeof answer.status, 'number');
					assert.ok((answer.status as number) >= 500, `HTTP ${answer.status}: ${answer.text}`);
					assert.equal(
						(answer.json as { message?: unknown } | undefined)?.message,
						'Error in workflow',
						answer.text,
					);
					const failed = await until('n8n records the execution', () => {
						const executions = executionsOf(instance, workflow.id);
						return executions.length > before && executions[before].status !== 'running'
							? executions[before]
							: undefined;
					});
					assert.equal(failed.status, 'error');
					assert.ok(
						executionData(instance, failed.id).includes(FOUR_BUTTONS_ERROR),
						"the execution does not hold the Reply's error",
					);
				},
			);
		}

		await scenario(
			'chatbot: Header Auth: a call without the header (or with a wrong one) gets 403 and starts no execution',
			async () => {
				const before = executionsOf(instance, HEADER_AUTH.id).length;
				const none = await callAgilizeWay(url, HEADER_AUTH.path, firstCall('Eva'));
				assert.equal(none.status, 403, none.text);
				const wrong = await callAgilizeWay(url, HEADER_AUTH.path, firstCall('Eva'), {
					[SECRET_HEADER]: `${SECRET}x`,
				});
				assert.equal(wrong.status, 403, wrong.text);
				const right = await callAgilizeWay(url, HEADER_AUTH.path, firstCall('Eva'), {
					[SECRET_HEADER]: SECRET,
				});
				assert.equal(right.status, 200, right.text);
				assert.deepEqual(right.json, firstAnswer('Eva'));
				// The authorized call's execution is recorded; the refused ones left none.
				await until('n8n records the authorized execution', () =>
					executionsOf(instance, HEADER_AUTH.id).some(
						(execution, i) => i >= before && execution.status === 'success',
					)
						? true
						: undefined,
				);
				assert.equal(executionsOf(instance, HEADER_AUTH.id).length, before + 1);
				assert.doesNotMatch(instance.log, new RegExp(SECRET));
			},
		);

		await scenario(
			'chatbot: responding When Chatbot → Reply Runs without an Agilize node after the trigger: 500 naming the fix, no execution',
			async () => {
				const answer = await callAgilizeWay(url, NO_REPLY.path, firstCall('Gil'));
				assert.equal(answer.status, 500, answer.text);
				assert.deepEqual(answer.json, {
					message:
						'The Agilize Chatbot Trigger responds "When Chatbot → Reply Runs", but no Agilize node follows it: add Agilize → Chatbot → Reply, or set Respond to "When Last Node Finishes"',
				});
				assert.deepEqual(executionsOf(instance, NO_REPLY.id), []);
			},
		);

		const errorStatus = !answersEmptyWhenFailingBeforeResponseNode(installed);
		await scenario(
			`chatbot: When Chatbot → Reply Runs, a step failing before the Reply: ${errorStatus ? 'n8n answers HTTP 500' : "n8n answers an empty 200 (n8n's own flaw, in the docs)"}`,
			async () => {
				const answer = await callAgilizeWay(url, FAILS_FIRST.path, firstCall('Ivo'));
				console.log(`    → HTTP ${answer.status} ${answer.text}`);
				if (errorStatus) {
					assert.equal(answer.status, 500, answer.text);
					assert.deepEqual(answer.json, { message: 'Error in workflow' });
				} else {
					assert.equal(answer.status, 200, answer.text);
					assert.equal(answer.text, '');
				}
			},
		);

		await scenario(
			'chatbot: the editor is served the trigger (a POST webhook, so the panel shows its Test and Production URLs), loaded without errors',
			async () => {
				const rest = new N8nRest(url);
				await rest.signIn();
				const served = await rest.request('GET', '/types/nodes.json');
				assert.equal(served.status, 200);
				const types = served.json as Array<{
					name: string;
					webhooks?: Array<{ httpMethod: string }>;
				}>;
				const trigger = types.find(
					({ name }) => name === 'n8n-nodes-agilize.agilizeChatbotTrigger',
				);
				assert.ok(trigger, 'the trigger is not loaded');
				assert.deepEqual(
					trigger.webhooks?.map(({ httpMethod }) => httpMethod),
					['POST'],
				);
				assert.doesNotMatch(instance.log, /agilizeChatbotTrigger.*(error|failed|not known)/i);
			},
		);
	} finally {
		await instance.stop();
		await mock.stop();
		marker.server.close();
	}
	console.log(
		`n8n ${n8n.version}: ${runner.passed} chatbot scenarios passed in ${((Date.now() - started) / 1000).toFixed(0)} s`,
	);
	return runner.passed;
}

/** Alone: `tsx test/e2e/chatbot.e2e.ts [1|2|<version>…]` (both pinned majors by default). */
if (require.main === module) {
	const args = process.argv.slice(2);
	const chosen = args.length
		? args.flatMap((arg) => VERSIONS[arg] ?? MATRIX.filter((n8n) => n8n.version === arg))
		: Object.values(VERSIONS);
	void (async () => {
		const tarball = packTarball();
		let passed = 0;
		try {
			for (const version of chosen) passed += await runChatbotScenarios(version, tarball);
			console.log(`${passed} passed, 0 failed`);
		} catch (error) {
			console.error(error instanceof Error ? (error.stack ?? error.message) : error);
			console.log(`${passed} passed, 1 failed`);
			process.exitCode = 1;
		}
	})();
}
