/**
 * Every operation in real n8n, through fields and JSON: Lead → Create, Funnel Stage → Update,
 * Message Template → Create, and Chat Room → Update from JSON and from a workflow saved before
 * there were other resources; clearing and a 404 on a stage; a lead created once after a 429 and
 * never sent again after its connection was lost.
 */
import assert from 'node:assert/strict';

import type { INodeExecutionData, IRun } from 'n8n-workflow';

import type { WorkflowJson } from '../harness/engine/runWorkflow';
import { pinnedOutput } from '../harness/fixtures';
import type { AgilizeMock } from '../harness/mock/agilizeMock';
import type { RealN8n } from '../harness/n8n/realN8n';
import { clearFinalTypeBody, updateStageRequests } from '../node/funnelStage/update/expected';
import { createLeadJsonBody, createLeadRequests } from '../node/lead/create/expected';
import {
	createTemplateJsonRequests,
	createTemplateRequests,
} from '../node/messageTemplate/create/expected';

type Fixture = (name: string, id: string) => WorkflowJson & { id: string };
type Scenario = (name: string, check: () => Promise<void>) => Promise<void>;

const output = (run: IRun | undefined): INodeExecutionData[] =>
	run?.data.resultData.runData.Agilize?.[0]?.data?.main?.[0] ?? [];

const agilizeOf = (workflow: WorkflowJson) =>
	workflow.nodes.find(
		(node) => node.type === 'n8n-nodes-agilize.agilize',
	) as WorkflowJson['nodes'][number];

/** The fixtures each scenario runs, by workflow id; some changed from the stored fixture. */
function workflows(fixture: Fixture): Array<WorkflowJson & { id: string }> {
	const roomJson = fixture('assign-room', 'e2eRoomJson0001');
	agilizeOf(roomJson).parameters = {
		resource: 'chatRoom',
		operation: 'update',
		roomId: '={{ $json.roomId }}',
		specifyBody: 'json',
		jsonBody: '={{ { department: "support", tags: ["vip"] } }}',
	};
	const missingStage = fixture('update-stage', 'e2eStage4040001');
	agilizeOf(missingStage).parameters.stageId = 'missing-stage';
	const leadLost = fixture('create-lead', 'e2eLeadLost0001');
	agilizeOf(leadLost).onError = 'continueRegularOutput';
	return [
		fixture('create-lead', 'e2eLead00000001'),
		fixture('create-lead-json', 'e2eLeadJson0001'),
		fixture('update-stage', 'e2eStage0000001'),
		fixture('clear-final-type', 'e2eStageClear01'),
		fixture('create-template', 'e2eTemplate0001'),
		fixture('create-template-json', 'e2eTemplJson001'),
		fixture('saved-without-resource', 'e2eNoResource01'),
		roomJson,
		missingStage,
		leadLost,
	];
}

export async function prepareOperations(instance: RealN8n, fixture: Fixture): Promise<void> {
	for (const workflow of workflows(fixture)) await instance.importWorkflow(workflow);
}

export async function operationsScenarios(
	instance: RealN8n,
	mock: AgilizeMock,
	scenario: Scenario,
): Promise<void> {
	const run = async (id: string) => {
		const result = await instance.execute(id);
		assert.equal(result.status, 0, result.output.slice(-3000));
		return result.run;
	};
	const requests = () => mock.requests.map((r) => [r.method, r.url, r.body]);
	const pinned = (name: string) => pinnedOutput(name, 'Agilize').map(({ json }) => json);

	await scenario(
		'Lead → Create through fields and JSON (any key): one POST each, the output pinned',
		async () => {
			const fields = await run('e2eLead00000001');
			assert.deepEqual(requests(), createLeadRequests);
			assert.deepEqual(
				output(fields).map((item) => [item.json, item.pairedItem]),
				pinned('create-lead').map((json, item) => [json, { item }]),
			);
			mock.resetCounters();
			const json = await run('e2eLeadJson0001');
			assert.deepEqual(
				mock.requests.map((r) => r.rawBody),
				[createLeadJsonBody],
			);
			assert.deepEqual(
				output(json).map((item) => item.json),
				pinned('create-lead-json'),
			);
		},
	);

	await scenario('Funnel Stage → Update through fields, and clearing Final Type', async () => {
		const fields = await run('e2eStage0000001');
		assert.deepEqual(requests(), updateStageRequests);
		assert.deepEqual(
			output(fields).map((item) => item.json),
			pinned('update-stage'),
		);
		mock.resetCounters();
		await run('e2eStageClear01');
		assert.deepEqual(
			mock.requests.map((r) => [r.url, r.rawBody]),
			[['/crm/lead/stage/stage-7', clearFinalTypeBody]],
		);
	});

	await scenario(
		'Funnel Stage → Update of a stage that does not exist: the stage’s 404',
		async () => {
			mock.options.missingStages = ['missing-stage'];
			const result = await instance.execute('e2eStage4040001');
			mock.options.missingStages = undefined;
			assert.notEqual(result.status, 0);
			assert.equal(mock.requests.length, 1);
			assert.equal(
				result.run?.data.resultData.error?.message,
				'Funnel stage "missing-stage" was not found (HTTP 404)',
			);
		},
	);

	await scenario('Message Template → Create through fields and through JSON', async () => {
		const fields = await run('e2eTemplate0001');
		assert.deepEqual(requests(), createTemplateRequests);
		assert.deepEqual(
			output(fields).map((item) => item.json),
			pinned('create-template'),
		);
		mock.resetCounters();
		const json = await run('e2eTemplJson001');
		assert.deepEqual(requests(), createTemplateJsonRequests);
		assert.deepEqual(
			output(json).map((item) => item.json),
			pinned('create-template-json'),
		);
	});

	await scenario(
		'Chat Room → Update through JSON, and from a workflow saved without resource and operation',
		async () => {
			await run('e2eRoomJson0001');
			assert.deepEqual(requests(), [
				['PATCH', '/messenger/chat/room/r1', { department: 'support', tags: ['vip'] }],
			]);
			mock.resetCounters();
			const saved = await run('e2eNoResource01');
			assert.deepEqual(requests(), [['PATCH', '/messenger/chat/room/r1', { department: 'sales' }]]);
			assert.deepEqual(
				output(saved).map((item) => item.json),
				pinned('saved-without-resource'),
			);
		},
	);

	await scenario('a lead met by a 429 is sent again after the wait and created once', async () => {
		mock.options.script = {
			'Maria Silva': [
				{ status: 429, body: { message: 'Too many requests' }, headers: { 'retry-after': '1' } },
			],
		};
		const created = await run('e2eLead00000001').finally(() => (mock.options.script = undefined));
		assert.equal(mock.requestsFor('Maria Silva').length, 2);
		assert.deepEqual([...mock.created].sort(), ['Comercial Souza Ltda', 'Maria Silva']);
		assert.deepEqual(
			output(created).map((item) => item.json.name),
			['Maria Silva', 'Comercial Souza Ltda'],
		);
	});

	await scenario(
		'a lead whose connection was lost after sending is not sent again, and its item says it may exist',
		async () => {
			mock.options.script = { 'Maria Silva': [{ fault: 'reset' }] };
			const lost = await run('e2eLeadLost0001').finally(() => (mock.options.script = undefined));
			assert.equal(mock.requestsFor('Maria Silva').length, 1);
			const [first, second] = output(lost);
			assert.match(
				String(first?.json.error),
				/^Could not reach Agilize at .+: the connection was closed unexpectedly\. The lead may or may not have been created: look for it in Agilize’s CRM before running this item again$/,
			);
			assert.deepEqual(first?.pairedItem, { item: 0 });
			assert.equal(second?.json.name, 'Comercial Souza Ltda');
		},
	);
}
