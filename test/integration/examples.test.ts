import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { traverseNodeParameters, type FromAIArgument, type INode } from 'n8n-workflow';

import type { WorkflowJson } from '../harness/engine/runWorkflow';
import { AgilizeChatbotTrigger } from '../../nodes/AgilizeChatbotTrigger/AgilizeChatbotTrigger.node';
import { fromSources, runWorkflow } from '../harness/engine/runWorkflow';
import { runAgainstMock } from '../harness/helpers';

const examplesDir = join(__dirname, '..', '..', 'examples');
const example = (name: string) =>
	JSON.parse(readFileSync(join(examplesDir, name), 'utf8')) as WorkflowJson;
const agilizeOutput = (
	result: Awaited<ReturnType<typeof runAgainstMock>>,
	workflow: WorkflowJson,
) =>
	result.output(
		workflow.nodes.find((node) => node.type === 'n8n-nodes-agilize.agilize')?.name as string,
	);

describe('examples/ run against the mock API, so that they cannot rot', () => {
	test('every example is covered here', () => {
		expect(readdirSync(examplesDir).sort()).toEqual([
			'agilize-chatbot-ai-agent.json',
			'agilize-mcp-server.json',
			'archive-rooms.json',
			'assign-room-to-deal-owner.json',
			'tag-campaign-rooms.json',
		]);
	});

	// Run for real (n8n started, the official MCP client) by the e2e, test/e2e/mcp.e2e.ts; here, what
	// an MCP client is offered: the arguments, their types, which are required, and their words.
	test('the MCP server: a protected MCP Server Trigger whose one tool is the node, with $fromAI arguments a model can act on', () => {
		const workflow = example('agilize-mcp-server.json');
		const trigger = workflow.nodes.find(
			(node) => node.type === '@n8n/n8n-nodes-langchain.mcpTrigger',
		);
		const tool = workflow.nodes.find((node) => node.type === 'n8n-nodes-agilize.agilizeTool');
		expect(trigger?.parameters).toEqual({
			authentication: 'bearerAuth',
			path: 'agilize-chat-rooms',
		});
		expect(trigger?.credentials).toHaveProperty('httpBearerAuth');
		expect(workflow.connections).toEqual({
			[tool?.name as string]: { ai_tool: [[{ node: trigger?.name, type: 'ai_tool', index: 0 }]] },
		});
		expect(tool?.parameters).toMatchObject({
			resource: 'chatRoom',
			operation: 'update',
			descriptionType: 'manual',
		});
		expect(Object.keys(tool?.parameters.updateFields as object).sort()).toEqual([
			'chIsArchived',
			'department',
			'dtIsArchived',
			'tags',
			'user',
		]);

		const found: FromAIArgument[] = [];
		traverseNodeParameters(tool?.parameters ?? {}, found);
		const byKey = new Map(found.map((argument) => [argument.key, argument]));
		// A default makes the argument optional for the client, and the node does not send ''. A
		// boolean argument could only default to true or false, which would always be sent: archived
		// is the text true or false, which the node reads as the boolean field it fills.
		expect([...byKey.values()].map((a) => [a.key, a.type, a.defaultValue])).toEqual([
			['roomId', 'string', undefined],
			['department', 'string', ''],
			['user', 'string', ''],
			['tags', 'string', ''],
			['archived', 'string', ''],
		]);
		for (const argument of byKey.values()) {
			expect(argument.description?.length).toBeGreaterThan(60);
			if (argument.defaultValue !== undefined)
				expect(argument.description).toMatch(/Leave it out to keep/);
		}
		// The same key twice must be described the same, or n8n refuses to build the tool.
		expect(new Set(found.filter((a) => a.key === 'archived').map((a) => a.description)).size).toBe(
			1,
		);
	});

	test('assign a room to the CRM deal owner and department, from the webhook payload', async () => {
		const workflow = example('assign-room-to-deal-owner.json');
		const result = await runAgainstMock(workflow);
		expect(result.error).toBeUndefined();
		expect(result.mock.requests.map((r) => [r.method, r.url, r.body])).toEqual([
			[
				'PATCH',
				'/messenger/chat/room/64f1c2a9e4b0a1b2c3d4e5f6',
				{
					user: 'user-ana',
					owner: 'user-ana',
					department: 'vendas',
					tags: ['cliente', 'deal-ganho'],
				},
			],
		]);
		expect(agilizeOutput(result, workflow)).toHaveLength(1);
	});

	test('archive a list of rooms: archived now, user cleared, a missing room to the error output', async () => {
		const workflow = example('archive-rooms.json');
		const before = Date.now();
		const result = await runAgainstMock(workflow, { missingRooms: ['room-102'] });
		const after = Date.now();
		expect(result.error).toBeUndefined();
		expect(result.mock.requests.map((r) => r.url)).toEqual([
			'/messenger/chat/room/room-101',
			'/messenger/chat/room/room-102',
			'/messenger/chat/room/room-103',
		]);
		for (const request of result.mock.requests) {
			const body = request.body as { chIsArchived: boolean; dtIsArchived: string; user: null };
			expect(body).toEqual({
				chIsArchived: true,
				dtIsArchived: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
				user: null,
			});
			// "Now" is a moment of the run, however long a loaded machine takes over it (the second it
			// falls in, should the date-time be cut to the second).
			expect(Date.parse(body.dtIsArchived)).toBeGreaterThanOrEqual(before - 1000);
			expect(Date.parse(body.dtIsArchived)).toBeLessThanOrEqual(after);
		}
		expect(agilizeOutput(result, workflow).map((item) => item.json._id)).toEqual([
			'room-101',
			'room-103',
		]);
		expect(result.output('Archive room', 1).map((item) => item.json)).toEqual([
			{ error: 'Chat room "room-102" was not found (HTTP 404)' },
		]);
	});

	test('tag campaign rooms with UTM data and ad click IDs', async () => {
		const workflow = example('tag-campaign-rooms.json');
		const result = await runAgainstMock(workflow);
		expect(result.error).toBeUndefined();
		expect(result.mock.requests.map((r) => [r.url, r.body])).toEqual([
			[
				'/messenger/chat/room/room-201',
				{
					tags: ['campanha', 'black-friday-2026'],
					utm: { source: 'facebook', medium: 'paid', campaign: 'black-friday-2026' },
					utmClick: { ctwaClid: 'ARAkLkA8rmlFeiCktEJQ' },
				},
			],
			[
				'/messenger/chat/room/room-202',
				{
					tags: ['campanha', 'black-friday-2026'],
					utm: { source: 'google', medium: 'cpc', campaign: 'black-friday-2026' },
					utmClick: { gclid: 'EAIaIQobChMI' },
				},
			],
		]);
	});

	// The AI Agent and its model run only in real n8n; here, the wiring, and the Reply answering
	// with the agent's output in n8n's engine.
	test('the chatbot: Agilize Chatbot Trigger → AI Agent (the node as its tool) → Chatbot → Reply with the agent’s output', async () => {
		const workflow = example('agilize-chatbot-ai-agent.json');
		const byType = (type: string) => workflow.nodes.find((node) => node.type === type);
		const trigger = byType('n8n-nodes-agilize.agilizeChatbotTrigger');
		const agent = byType('@n8n/n8n-nodes-langchain.agent');
		const tool = byType('n8n-nodes-agilize.agilizeTool');
		const reply = byType('n8n-nodes-agilize.agilize');
		expect(trigger?.parameters).toEqual({ responseMode: 'responseNode' });
		expect(trigger?.webhookId).toMatch(/^[0-9a-f-]{36}$/);
		expect(workflow.connections[trigger?.name as string].main).toEqual([
			[{ node: agent?.name, type: 'main', index: 0 }],
		]);
		expect(workflow.connections[tool?.name as string].ai_tool).toEqual([
			[{ node: agent?.name, type: 'ai_tool', index: 0 }],
		]);
		expect(workflow.connections[agent?.name as string].main).toEqual([
			[{ node: reply?.name, type: 'main', index: 0 }],
		]);
		expect(tool?.parameters).toMatchObject({ resource: 'chatRoom', operation: 'update' });
		expect(reply?.parameters).toMatchObject({ resource: 'chatbot', operation: 'reply' });

		const output = 'Olá, Ana! O plano Pro inclui suporte 24 horas.';
		const result = await runWorkflow(
			{
				nodes: [{ ...(trigger as INode) }, { ...(reply as INode) }],
				connections: {
					[trigger?.name as string]: {
						main: [[{ node: reply?.name as string, type: 'main', index: 0 }]],
					},
				},
				pinData: { [trigger?.name as string]: [{ json: { output } }] },
				settings: workflow.settings,
			},
			{ agilizeApi: {} },
			{
				...fromSources,
				extraNodeTypes: {
					'n8n-nodes-agilize.agilizeChatbotTrigger': new AgilizeChatbotTrigger(),
				},
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.output(reply?.name as string).map((item) => item.json)).toEqual([
			{ messages: [{ text: output }], keepHere: true, vars: { LAST_BOT_ANSWER: output } },
		]);
	});
});
