/**
 * examples/agilize-mcp-server.json in real n8n, driven by the official MCP client: the workflow a
 * user imports, active, with the packed node as the MCP Server Trigger's tool. Everything on
 * 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { AgilizeMock } from '../harness/mock/agilizeMock';
import { ensureN8n, type N8nVersion } from '../harness/n8n/n8nInstall';
import { activateWorkflow } from '../harness/n8n/webhook';
import { activatesImportedWorkflows, hasMcpTriggerV2 } from './releases';
import { RealN8n } from '../harness/n8n/realN8n';
import type { WorkflowJson } from '../harness/workflowJson';
import { scenarios } from './scenarios';

const root = join(__dirname, '..', '..');
const API_KEY = 'ak_e2e_mcp_3f9a61c07d';
const BEARER_TOKEN = 'mcp-e2e-token-8c1d2e7f4a';
const WORKFLOW_ID = 'e2eMcpServer001';

/** The example exactly as shipped, with the credential ids it names. */
const example = JSON.parse(
	readFileSync(join(root, 'examples', 'agilize-mcp-server.json'), 'utf8'),
) as WorkflowJson;
const trigger = example.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.mcpTrigger');
const tool = example.nodes.find((node) => node.type === 'n8n-nodes-agilize.agilizeTool');
const credentialId = (node: typeof trigger, type: string) =>
	node?.credentials?.[type]?.id as string;

/** A tool's answer: MCP text content holding JSON, which n8n may have serialised twice. */
function answerOf(result: Awaited<ReturnType<Client['callTool']>>): unknown {
	const [content] = result.content as Array<{ type: string; text: string }>;
	assert.equal(content?.type, 'text', JSON.stringify(result));
	let value: unknown = content.text;
	while (typeof value === 'string') {
		try {
			value = JSON.parse(value) as unknown;
		} catch {
			break;
		}
	}
	return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

export async function runMcpScenarios(n8n: N8nVersion, tarball: string): Promise<number> {
	const started = Date.now();
	const major = Number(n8n.version.split('.')[0]);
	const installed = await ensureN8n(n8n);
	if (!hasMcpTriggerV2(installed) || !activatesImportedWorkflows(installed, major)) {
		console.log(
			`n8n ${n8n.version}: MCP scenarios skipped (no MCP Server Trigger of the example's version, or no CLI activation of an imported workflow)`,
		);
		return 0;
	}
	const mock = await new AgilizeMock({ apiKey: API_KEY, missingRooms: ['missing-room'] }).start();
	const runner = scenarios(mock);
	const { scenario } = runner;
	// n8n 2.x opens its task-runner broker (default port 5679) even with runners off: a port of its
	// own lets this run beside another n8n on the same machine.
	const instance = new RealN8n(installed, tarball, undefined, {
		N8N_RUNNERS_BROKER_PORT: String(5780 + major),
	});
	const answers: string[] = [];
	let client: Client | undefined;
	try {
		await instance.importCredentials([
			{
				id: credentialId(tool, 'agilizeApi'),
				name: 'Agilize account',
				type: 'agilizeApi',
				data: { apiKey: API_KEY, baseUrl: mock.baseUrl },
			},
			{
				id: credentialId(trigger, 'httpBearerAuth'),
				name: 'MCP token',
				type: 'httpBearerAuth',
				data: { token: BEARER_TOKEN },
			},
		]);
		await instance.importWorkflow({ ...example, id: WORKFLOW_ID });
		await activateWorkflow(instance, WORKFLOW_ID, major);
		const url = await instance.start(5700 + major);
		const endpoint = new URL(`${url}/mcp/${String(trigger?.parameters.path)}`);
		const post = (headers: Record<string, string>) =>
			fetch(endpoint, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					accept: 'application/json, text/event-stream',
					...headers,
				},
				body: JSON.stringify({
					jsonrpc: '2.0',
					id: 1,
					method: 'initialize',
					params: {
						protocolVersion: '2025-03-26',
						capabilities: {},
						clientInfo: { name: 'e2e', version: '1' },
					},
				}),
			});
		// n8n answers its REST API before it has activated the workflows: wait for the trigger's route.
		const deadline = Date.now() + 90_000;
		while ((await post({})).status === 404) {
			if (Date.now() > deadline)
				throw new Error(
					`the MCP Server Trigger's production URL ${endpoint.href} was not registered within 90 s`,
				);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}

		await scenario(
			'MCP: without the bearer token the trigger refuses the client, and nothing reaches Agilize',
			async () => {
				for (const headers of [{}, { authorization: 'Bearer wrong-token' }] as Array<
					Record<string, string>
				>) {
					const refused = await post(headers);
					assert.ok(
						refused.status === 401 || refused.status === 403,
						`HTTP ${refused.status}: ${await refused.text()}`,
					);
				}
				assert.equal(mock.requests.length, 0);
			},
		);

		client = new Client({ name: 'agilize-e2e', version: '1.0.0' });
		await client.connect(
			new StreamableHTTPClientTransport(endpoint, {
				requestInit: { headers: { authorization: `Bearer ${BEARER_TOKEN}` } },
			}),
		);
		const connected = client;

		await scenario(
			'MCP: listTools shows update_chat_room with roomId required and department, user, tags, archived optional, as described in the example',
			async () => {
				const { tools } = await connected.listTools();
				answers.push(JSON.stringify(tools));
				assert.deepEqual(
					tools.map((t) => t.name),
					['update_chat_room'],
				);
				const [listed] = tools;
				assert.equal(listed.description, tool?.parameters.toolDescription);
				const properties = listed.inputSchema.properties as Record<
					string,
					{ type: string; description: string }
				>;
				assert.deepEqual(Object.keys(properties).sort(), [
					'archived',
					'department',
					'roomId',
					'tags',
					'user',
				]);
				assert.deepEqual(listed.inputSchema.required, ['roomId']);
				assert.deepEqual(
					Object.entries(properties)
						.map(([name, p]) => [name, p.type])
						.sort(),
					[
						['archived', 'string'],
						['department', 'string'],
						['roomId', 'string'],
						['tags', 'string'],
						['user', 'string'],
					],
				);
				// The words the model reads are the example's, e.g. what leaving an argument out does.
				const described = JSON.stringify(tool?.parameters);
				for (const [name, p] of Object.entries(properties)) {
					assert.ok(p.description.length > 60, `${name} has no usable description`);
					assert.ok(described.includes(p.description), `${name}: ${p.description}`);
				}
			},
		);

		await scenario(
			'MCP: callTool with every argument sends exactly one PATCH with exactly those fields',
			async () => {
				const before = Date.now();
				const result = await connected.callTool({
					name: 'update_chat_room',
					arguments: {
						roomId: 'room 7/a',
						department: 'vendas',
						user: 'user-ana',
						tags: 'vip, lead',
						archived: 'true',
					},
				});
				answers.push(JSON.stringify(result));
				assert.equal(mock.requests.length, 1);
				const [request] = mock.requests;
				assert.equal(request.method, 'PATCH');
				assert.equal(request.url, '/messenger/chat/room/room%207%2Fa');
				assert.equal(request.headers['x-api-key'], API_KEY);
				const body = request.body as Record<string, unknown>;
				assert.deepEqual(body, {
					department: 'vendas',
					user: 'user-ana',
					tags: ['vip', 'lead'],
					chIsArchived: true,
					dtIsArchived: body.dtIsArchived,
				});
				assert.match(String(body.dtIsArchived), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
				assert.ok(Date.parse(String(body.dtIsArchived)) >= before - 2000, 'archived at is not now');
				assert.notEqual(result.isError, true);
				assert.deepEqual(answerOf(result), { _id: 'room 7/a', ...body });
			},
		);

		await scenario(
			'MCP: callTool with roomId and tags only changes the tags (left-out arguments are not sent)',
			async () => {
				const result = await connected.callTool({
					name: 'update_chat_room',
					arguments: { roomId: 'room-8', tags: 'cliente' },
				});
				answers.push(JSON.stringify(result));
				assert.deepEqual(
					mock.requests.map((r) => [r.method, r.url, r.body]),
					[['PATCH', '/messenger/chat/room/room-8', { tags: ['cliente'] }]],
				);
				assert.deepEqual(answerOf(result), { _id: 'room-8', tags: ['cliente'] });
			},
		);

		await scenario(
			'MCP: a missing room is the readable success: false answer, not a protocol error',
			async () => {
				const result = await connected.callTool({
					name: 'update_chat_room',
					arguments: { roomId: 'missing-room', department: 'suporte' },
				});
				answers.push(JSON.stringify(result));
				assert.deepEqual(
					mock.requests.map((r) => [r.url, r.body]),
					[['/messenger/chat/room/missing-room', { department: 'suporte' }]],
				);
				assert.deepEqual(answerOf(result), {
					success: false,
					error: 'Chat room "missing-room" was not found (HTTP 404)',
					details: 'Room not found',
					whatToChange: 'No chat room has this ID: use the ID of an existing room.',
				});
			},
		);

		await scenario('MCP: older clients on SSE, at the same URL, get the same tool', async () => {
			const sseClient = new Client({ name: 'agilize-e2e-sse', version: '1.0.0' });
			await sseClient.connect(
				new SSEClientTransport(endpoint, {
					requestInit: { headers: { authorization: `Bearer ${BEARER_TOKEN}` } },
				}),
			);
			try {
				const { tools } = await sseClient.listTools();
				assert.deepEqual(
					tools.map((t) => [t.name, t.inputSchema.required]),
					[['update_chat_room', ['roomId']]],
				);
			} finally {
				await sseClient.close();
			}
			assert.equal(mock.requests.length, 0);
		});

		await scenario(
			"MCP: the Agilize key is in no answer the client received and not in n8n's log",
			async () => {
				assert.equal(answers.length, 4);
				for (const answer of answers)
					assert.ok(!answer.includes(API_KEY), `the key is in ${answer}`);
				assert.ok(!instance.log.includes(API_KEY), "the key is in n8n's log");
			},
		);
	} catch (error) {
		// What n8n said while activating the workflow or running the tool explains most failures.
		console.error(`n8n ${n8n.version} log, last lines:\n${instance.log.slice(-4000)}`);
		throw error;
	} finally {
		await client?.close().catch(() => undefined);
		await instance.stop();
		await mock.stop();
	}
	console.log(
		`n8n ${n8n.version}: ${runner.passed} MCP scenarios passed in ${((Date.now() - started) / 1000).toFixed(0)} s`,
	);
	return runner.passed;
}
