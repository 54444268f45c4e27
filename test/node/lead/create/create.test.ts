import { create } from '../../../../nodes/Agilize/actions/lead/create.operation';

import {
	API_KEY,
	loadFixture,
	operationWorkflow,
	pinnedOutput,
	runAgainstMock,
	unreachableBaseUrl,
} from '../../../harness/helpers';
import { createLeadJsonBody, createLeadRequests } from './expected';

const lead = operationWorkflow('lead', 'create');

const MAY_EXIST =
	'The lead may or may not have been created: look for it in Agilize’s CRM before running this item again';

describe('Lead → Create against a mock Agilize API', () => {
	test.each(['create-lead', 'create-lead-json'])(
		'the fixture %s gives the output it pins',
		async (name) => {
			const { output, error } = await runAgainstMock(loadFixture(name));
			expect(error).toBeUndefined();
			expect(output('Agilize').map(({ json }) => ({ json }))).toEqual(
				pinnedOutput(name, 'Agilize'),
			);
			expect(output('Agilize').map((item) => item.pairedItem)).toEqual(
				pinnedOutput(name, 'Agilize').map((_, item) => ({ item })),
			);
		},
	);

	test('one POST per item: path, headers and exactly the fields set, empty ones left out', async () => {
		const { mock } = await runAgainstMock(loadFixture('create-lead'));
		expect(mock.requests.map((r) => [r.method, r.url, r.body])).toEqual(createLeadRequests);
		expect(mock.requests[0].headers).toMatchObject({
			'x-api-key': API_KEY,
			accept: 'application/json',
			'content-type': 'application/json',
		});
	});

	test('JSON mode sends any key as given: the sample is all Agilize documents of a lead', async () => {
		const { mock } = await runAgainstMock(loadFixture('create-lead-json'));
		expect(mock.requests.map((r) => r.rawBody)).toEqual([createLeadJsonBody]);
	});

	test.each([
		[{ name: '={{ $json.name }}' }, [{ name: '  ' }], '"Name" (name) is required [item 0]'],
		[
			{ specifyBody: 'json', jsonBody: '{"phones": [{"phone": "+5511"}]}' },
			[{}],
			'"JSON Body" (jsonBody) must hold name: it is required [item 0]',
		],
		[
			{ specifyBody: 'json', jsonBody: '{"name": 42}' },
			[{}],
			'"JSON Body" (jsonBody) must hold name as text, got 42 [item 0]',
		],
		[
			{ name: 'Ana', additionalFields: { tags: '={{ { a: 1 } }}' } },
			[{}],
			'Additional Fields: "Tags" (tags) must be text, got an object [item 0]',
		],
	])(
		'bad input %j names the field and the item, and nothing is sent',
		async (parameters, items, message) => {
			const { mock, error } = await runAgainstMock(lead(parameters, items));
			expect(mock.requests).toHaveLength(0);
			expect(error?.message).toBe(message);
		},
	);

	test('Dry Run outputs the request it would send and sends nothing', async () => {
		const { mock, output } = await runAgainstMock(
			lead({ name: 'Ana', additionalFields: { tags: 'a, b' }, options: { dryRun: true } }),
		);
		expect(mock.requests).toHaveLength(0);
		expect(output('Agilize')[0].json).toEqual({
			method: 'POST',
			url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/crm\/lead\/lead$/),
			body: { name: 'Ana', tags: ['a', 'b'] },
		});
	});
});

describe('a lead is created at most once', () => {
	test('a 429 means Agilize did not take it: sent again after the wait, created once', async () => {
		const { mock, output, error } = await runAgainstMock(lead({ name: 'Ana' }), {
			script: {
				Ana: [
					{ status: 429, body: { message: 'Too many requests' }, headers: { 'retry-after': '0' } },
				],
			},
		});
		expect(error).toBeUndefined();
		expect(mock.requests).toHaveLength(2);
		expect(mock.created).toEqual(['Ana']);
		expect(output('Agilize')[0].json).toMatchObject({ name: 'Ana' });
	});

	test.each([
		[
			'a connection lost after sending',
			{ fault: 'reset' as const },
			'Could not reach Agilize at BASE: the connection was closed unexpectedly',
		],
		[
			'a 503',
			{ status: 503, body: { message: 'Service unavailable' } },
			'Agilize answered with a server error (HTTP 503)',
		],
		[
			'a 502',
			{ status: 502, body: { message: 'Bad gateway' } },
			'Agilize answered with a server error (HTTP 502)',
		],
	])(
		'after %s it is not sent again, and the item says the lead may exist',
		async (_what, answer, said) => {
			let base = '';
			const { mock, output } = await runAgainstMock(
				lead({ name: 'Ana' }, [{}], 'continueRegularOutput'),
				{ script: { Ana: [answer] }, baseUrl: (url) => (base = url) },
			);
			expect(mock.requests).toHaveLength(1);
			expect(output('Agilize')[0].json.error).toBe(`${said.replace('BASE', base)}. ${MAY_EXIST}`);
		},
	);

	test('after its Timeout it is not sent again, and the item says the lead may exist', async () => {
		let base = '';
		const { mock, output } = await runAgainstMock(
			lead({ name: 'Ana', options: { timeout: 300 } }, [{}], 'continueRegularOutput'),
			{ script: { Ana: [{ fault: 'hang' }] }, baseUrl: (url) => (base = url) },
		);
		expect(mock.requests).toHaveLength(1);
		expect(output('Agilize')[0].json.error).toBe(
			`Could not reach Agilize at ${base}: the request timed out. ${MAY_EXIST}`,
		);
	});

	test.each([
		[
			'a rejected key',
			{ status: 401, body: { message: 'Unauthorized' } },
			'Agilize rejected the API key (HTTP 401): check the Agilize API credential',
		],
		[
			'a refused request',
			{ status: 422, body: { message: 'name is invalid' } },
			'Agilize rejected the request (HTTP 422)',
		],
	])(
		'after %s it surely does not exist, and the item does not say it may',
		async (_what, answer, said) => {
			const { output } = await runAgainstMock(
				lead({ name: 'Ana' }, [{}], 'continueRegularOutput'),
				{
					script: { Ana: [answer] },
				},
			);
			expect(output('Agilize')[0].json.error).toBe(said);
		},
	);

	test('a connection refused reached nothing: the item does not say the lead may exist', async () => {
		const base = await unreachableBaseUrl();
		const { output } = await runAgainstMock(lead({ name: 'Ana' }, [{}], 'continueRegularOutput'), {
			baseUrl: () => base,
		});
		expect(output('Agilize')[0].json.error).toBe(
			`Could not reach Agilize at ${base}: the connection was refused`,
		);
	});
});

test('as an AI agent’s tool, a lead that may exist tells the agent not to call again', async () => {
	const { toAgentAnswer, toItemError } = await import(
		'../../../../nodes/Agilize/actions/itemErrors'
	);
	const { ApiRequestError } = await import('../../../../nodes/Agilize/transport/errors');
	const node = loadFixture('create-lead').nodes[2];
	const cause = new ApiRequestError(
		{ status: 503 },
		{ baseUrl: 'https://api.agilize.app', apiKey: API_KEY, retries: 0, unconfirmed: MAY_EXIST },
	);
	expect(toAgentAnswer(toItemError(node, cause, 0), cause, create.notFoundAdvice)).toEqual({
		success: false,
		error: `Agilize answered with a server error (HTTP 503). ${MAY_EXIST}`,
		whatToChange:
			'Agilize may have created it already: do not call the tool again for it; tell the user to check in Agilize.',
	});
});
