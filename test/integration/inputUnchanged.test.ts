import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { fromSources, runWorkflow } from '../harness/engine/runWorkflow';
import { generatedItems } from '../harness/engine/standInNodes';
import { AgilizeMock } from '../harness/mock/agilizeMock';
import { API_KEY, generatedItemsWorkflow } from '../harness/helpers';

/**
 * `{{ $json.path }}` parameters hand the node the input item's own objects (not copies, as n8n's
 * expression engine may make): the node must never change them. The items are deep-frozen, so any
 * write throws, and they are compared with a copy taken before the run.
 */

const deepFreeze = <T>(value: T): T => {
	if (typeof value === 'object' && value !== null) {
		for (const nested of Object.values(value)) deepFreeze(nested);
		Object.freeze(value);
	}
	return value;
};

const room = (n: number): IDataObject => ({
	room: { id: `r${n}` },
	crm: {
		department: 'sales',
		tags: ['vip', ` spaced ${n} `],
		triggers: { onIdle: { after: 30, steps: [1, 2] } },
		source: 'google',
		rule: { name: 'close', step: 2 },
	},
	body: { department: 'support', tags: ['a'], chInfo: { nested: { deep: [n] } } },
});

async function run(parameters: INodeParameters, items: IDataObject[]) {
	const { workflow, agilize } = generatedItemsWorkflow();
	agilize.parameters = { resource: 'chatRoom', operation: 'update', ...parameters };
	const mock = await new AgilizeMock({ apiKey: API_KEY }).start();
	try {
		const input = items.map(
			(json, item): INodeExecutionData => ({ json: deepFreeze(json), pairedItem: { item } }),
		);
		const result = await runWorkflow(
			workflow,
			{ agilizeApi: { apiKey: API_KEY, baseUrl: mock.baseUrl } },
			{
				...fromSources,
				extraNodeTypes: { 'test.generatedItems': generatedItems(input) },
			},
		);
		return { result, mock, input };
	} finally {
		await mock.stop();
	}
}

test('Update Fields read through {{ $json.path }}: the requests are right and the input items unchanged', async () => {
	const items = [room(1), room(2)];
	const before = structuredClone(items);
	const { result, mock, input } = await run(
		{
			roomId: '={{ $json.room.id }}',
			updateFields: {
				department: '={{$json.crm.department}}',
				tags: '={{ $json.crm.tags }}',
				triggers: '={{ $json.crm.triggers }}',
				utm: { values: { source: '={{ $json.crm.source }}' } },
				idleRules: {
					rules: [{ rule: '={{ $json.crm.rule.name }}', idleStep: '={{ $json.crm.rule.step }}' }],
				},
			},
		},
		items,
	);
	expect(result.error).toBeUndefined();
	expect(result.output('Agilize').map((item) => item.error?.message)).toEqual([
		undefined,
		undefined,
	]);
	expect(mock.requests.map((request) => [request.url, request.body])).toEqual(
		[1, 2].map((n) => [
			`/messenger/chat/room/r${n}`,
			{
				department: 'sales',
				tags: ['vip', `spaced ${n}`],
				triggers: { onIdle: { after: 30, steps: [1, 2] } },
				utm: { source: 'google' },
				idleRules: [{ rule: 'close', idleStep: 2 }],
			},
		]),
	);
	expect(input.map((item) => item.json)).toEqual(before);
});

test('JSON Body read through {{ $json.body }}: sent as given, the input item unchanged', async () => {
	const items = [room(3)];
	const before = structuredClone(items);
	const { result, mock, input } = await run(
		{ roomId: '={{ $json.room.id }}', specifyBody: 'json', jsonBody: '={{ $json.body }}' },
		items,
	);
	expect(result.error).toBeUndefined();
	expect(mock.requests.map((request) => request.body)).toEqual([
		{ department: 'support', tags: ['a'], chInfo: { nested: { deep: [3] } } },
	]);
	expect(input.map((item) => item.json)).toEqual(before);
});
