import {
	loadFixture,
	operationWorkflow,
	pinnedOutput,
	runAgainstMock,
} from '../../../harness/helpers';
import { clearFinalTypeBody, updateStageRequests } from './expected';

const stage = operationWorkflow('funnelStage', 'update');

describe('Funnel Stage → Update against a mock Agilize API', () => {
	test.each(['update-stage', 'clear-final-type'])(
		'the fixture %s gives the output it pins',
		async (name) => {
			const { output, error } = await runAgainstMock(loadFixture(name));
			expect(error).toBeUndefined();
			expect(output('Agilize').map(({ json, pairedItem }) => ({ json, pairedItem }))).toEqual(
				pinnedOutput(name, 'Agilize').map(({ json }, item) => ({ json, pairedItem: { item } })),
			);
		},
	);

	test('a PATCH to the stage’s path with exactly the fields set; date-times in UTC', async () => {
		const { mock } = await runAgainstMock(loadFixture('update-stage'));
		expect(mock.requests.map((r) => [r.method, r.url, r.body])).toEqual(updateStageRequests);
	});

	test('Fields to Clear sends Final Type as null', async () => {
		const { mock } = await runAgainstMock(loadFixture('clear-final-type'));
		expect(mock.requests.map((r) => r.rawBody)).toEqual([clearFinalTypeBody]);
	});

	test('a stage that does not exist: a 404 in the stage’s words, to the error output with its item', async () => {
		const workflow = stage(
			{ stageId: '={{ $json.id }}', updateFields: { label: 'x' } },
			[{ id: 's1' }, { id: 'missing-stage' }],
			'continueRegularOutput',
		);
		const { output } = await runAgainstMock(workflow, { missingStages: ['missing-stage'] });
		expect(output('Agilize').map((item) => [item.json, item.pairedItem])).toEqual([
			[{ _id: 's1', label: 'x' }, { item: 0 }],
			[{ error: 'Funnel stage "missing-stage" was not found (HTTP 404)' }, { item: 1 }],
		]);
	});

	test('an update is idempotent: a 503 is retried', async () => {
		const { mock, error } = await runAgainstMock(
			stage({ stageId: 's1', updateFields: { order: 2 } }),
			{
				script: { s1: [{ status: 503, body: {} }] },
			},
		);
		expect(error).toBeUndefined();
		expect(mock.requests).toHaveLength(2);
	});

	test.each([
		[
			{ stageId: '={{ $json.id }}', updateFields: { label: 'x' } },
			[{ id: '..' }],
			'"Stage ID" (_id) cannot be ".." [item 0]',
		],
		[
			{ stageId: 's1', updateFields: { label: '' } },
			[{}],
			'Nothing to update: add at least one field under "Update Fields" or "Fields to Clear", or a key to the JSON body [item 0]',
		],
		[
			{ stageId: 's1', updateFields: { order: '={{ "third" }}' } },
			[{}],
			'Update Fields: "Order" (order) must be a number, got "third" [item 0]',
		],
		[
			{ stageId: 's1', updateFields: { finalType: 'won' }, fieldsToClear: ['finalType'] },
			[{}],
			'"Final Type" (finalType) is both in Fields to Clear and in Update Fields: remove it from one of them [item 0]',
		],
		[
			{ stageId: 's1', specifyBody: 'json', jsonBody: '{"lable": "x"}' },
			[{}],
			'"JSON Body" (jsonBody) has keys that are not fields of the Agilize API: lable (turn on "Allow Unknown Fields" to send them anyway) [item 0]',
		],
	])(
		'bad input %j names the field and the item, and nothing is sent',
		async (parameters, items, message) => {
			const { mock, error } = await runAgainstMock(stage(parameters, items));
			expect(mock.requests).toHaveLength(0);
			expect(error?.message).toBe(message);
		},
	);

	test('JSON mode sends the object as given', async () => {
		const { mock } = await runAgainstMock(
			stage({
				stageId: 's1',
				specifyBody: 'json',
				jsonBody: '{"label": "Proposal", "finalType": null}',
			}),
		);
		expect(mock.requests.map((r) => [r.url, r.rawBody])).toEqual([
			['/crm/lead/stage/s1', '{"label":"Proposal","finalType":null}'],
		]);
	});
});
