import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { Agilize } from '../../nodes/Agilize/Agilize.node';
import { fromSources, runWorkflow, type WorkflowJson } from '../harness/engine/runWorkflow';
import { AgilizeMock } from '../harness/mock/agilizeMock';
import { API_KEY } from '../harness/helpers';

/**
 * The node as an AI agent's tool, through n8n-core's own tool machinery (getInputConnectionData
 * → createNodeAsTool → the tool invocation that runs the node): a failed update is an answer the
 * agent reads, not an error that ends its run. A stand-in agent calls the tool once per item.
 */

/** The tool variant n8n makes of a node with `usableAsTool`: same node, output ai_tool. */
function agilizeTool(): INodeType {
	const agilize = new Agilize();
	return {
		description: { ...agilize.description, name: 'agilizeTool', inputs: [], outputs: ['ai_tool'] },
		methods: agilize.methods,
		execute: agilize.execute,
	};
}

interface ToolLike {
	name: string;
	invoke(args: object): Promise<unknown>;
}

/** Calls the connected tool with each input item's `args`; records the answer or what it threw. */
const agent: INodeType = {
	description: {
		displayName: 'Agent',
		name: 'agent',
		group: ['transform'],
		version: 1,
		description: 'Stand-in AI agent',
		defaults: { name: 'Agent' },
		inputs: ['main', { type: 'ai_tool', displayName: 'Tools', required: true }],
		outputs: ['main'],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		const tools = (await this.getInputConnectionData('ai_tool', 0)) as ToolLike[];
		const out: INodeExecutionData[] = [];
		for (const [index, item] of this.getInputData().entries()) {
			try {
				out.push({
					json: {
						tool: tools[0].name,
						answer: JSON.parse(String(await tools[0].invoke(item.json.args as object))),
					},
					pairedItem: { item: index },
				});
			} catch (error) {
				out.push({ json: { thrown: (error as Error).message }, pairedItem: { item: index } });
			}
		}
		return [out];
	},
};

const calls = [
	{ args: { roomId: 'r1', department: 'sales' } },
	{ args: { roomId: 'missing-room', department: 'sales' } },
	{ args: { roomId: '..', department: 'sales' } },
	{ args: { roomId: 'r4', department: 'support' } },
];

function workflow(credentialKey: string): WorkflowJson {
	const node = (name: string, type: string, parameters: INodeParameters, x: number) => ({
		id: `00000000-0000-4000-8000-00000000010${x}`,
		name,
		type,
		typeVersion: 1,
		position: [x * 200, 0] as [number, number],
		parameters,
	});
	return {
		name: 'agent tool',
		nodes: [
			node('Start', 'test.calls', {}, 0),
			node('Agent', 'test.agent', {}, 1),
			{
				...node(
					'UpdateRoom',
					'n8n-nodes-agilize.agilizeTool',
					{
						resource: 'chatRoom',
						operation: 'update',
						roomId: "={{ $fromAI('roomId', 'ID of the chat room', 'string') }}",
						updateFields: {
							department:
								"={{ $fromAI('department', 'Department to move the room to', 'string') }}",
						},
					},
					2,
				),
				credentials: { agilizeApi: { id: credentialKey, name: 'Agilize account' } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
			UpdateRoom: { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
		},
	};
}

const source: INodeType = {
	description: {
		...agent.description,
		name: 'calls',
		inputs: [],
		outputs: ['main'],
		group: ['trigger'],
	},
	async execute() {
		return [calls.map((json) => ({ json }))];
	},
};

async function runAgent(apiKey: string) {
	const mock = await new AgilizeMock({ apiKey: API_KEY, missingRooms: ['missing-room'] }).start();
	try {
		const result = await runWorkflow(
			workflow('agilizeTestCred'),
			{ agilizeApi: { apiKey, baseUrl: mock.baseUrl } },
			{
				...fromSources,
				extraNodeTypes: {
					'test.calls': source,
					'test.agent': agent,
					'n8n-nodes-agilize.agilizeTool': agilizeTool(),
				},
			},
		);
		return { result, mock };
	} finally {
		await mock.stop();
	}
}

test('as an agent tool, a 404 and bad arguments come back as answers the agent reads; the other calls go through', async () => {
	const { result, mock } = await runAgent(API_KEY);
	expect(result.error).toBeUndefined();
	expect(mock.requests.map((request) => [request.url, request.body])).toEqual([
		['/messenger/chat/room/r1', { department: 'sales' }],
		['/messenger/chat/room/missing-room', { department: 'sales' }],
		['/messenger/chat/room/r4', { department: 'support' }],
	]);
	expect(result.output('Agent').map((item) => item.json)).toEqual([
		{ tool: 'UpdateRoom', answer: [{ _id: 'r1', department: 'sales' }] },
		{
			tool: 'UpdateRoom',
			answer: [
				{
					success: false,
					error: 'Chat room "missing-room" was not found (HTTP 404)',
					details: 'Room not found',
					whatToChange: 'No chat room has this ID: use the ID of an existing room.',
				},
			],
		},
		{
			tool: 'UpdateRoom',
			answer: [
				{
					success: false,
					error: '"Room ID" (_id) cannot be ".." [item 0]',
					details: 'Set Room ID to the ID of the Agilize chat room to update.',
					whatToChange: 'Correct the arguments as described and call the tool again.',
				},
			],
		},
		{ tool: 'UpdateRoom', answer: [{ _id: 'r4', department: 'support' }] },
	]);
});

test('as an agent tool, a rejected key is an answer that says arguments will not help; the key appears nowhere', async () => {
	const { result, mock } = await runAgent('ak_wrong_key_0000');
	expect(result.error).toBeUndefined();
	expect(mock.requests).toHaveLength(3);
	const answers = result.output('Agent').map((item) => item.json);
	expect(answers[0]).toEqual({
		tool: 'UpdateRoom',
		answer: [
			{
				success: false,
				error: 'Agilize rejected the API key (HTTP 401): check the Agilize API credential',
				details: 'Unauthorized',
				whatToChange:
					'The Agilize API credential was refused; changing the arguments will not help: tell the user.',
			},
		],
	});
	expect(JSON.stringify(result.run)).not.toContain('ak_wrong_key_0000');
});
