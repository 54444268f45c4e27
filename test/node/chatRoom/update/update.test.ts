import { everyFieldTypeBody, everyFieldTypePath, severalItemsRequests } from './expected';
import {
	agilizeNode,
	API_KEY,
	loadFixture,
	pinnedOutput,
	runAgainstMock,
	unreachableBaseUrl,
	workflowWith,
} from '../../../harness/helpers';

describe('each workflow fixture beside this test gives the output it pins', () => {
	test.each([
		['every-field-type', {}],
		['several-items', {}],
		['assign-room', {}],
		['error-output', { missingRooms: ['missing-room'] }],
		['saved-without-resource', {}],
	])('%s', async (name, mockOptions) => {
		const { output, error } = await runAgainstMock(loadFixture(name), mockOptions);
		expect(error).toBeUndefined();
		const items = output('Agilize');
		expect(items.map((item) => ({ json: item.json }))).toEqual(pinnedOutput(name, 'Agilize'));
		expect(
			items.every(
				(item, index) =>
					index === 0 ||
					(item.pairedItem as { item: number }).item >
						(items[index - 1].pairedItem as { item: number }).item,
			),
		).toBe(true);
	});
});

describe('Chat Room → Update in the n8n engine, against a mock Agilize API', () => {
	test('every field type reaches the API as documented: method, encoded path, headers, exact body', async () => {
		const { mock, output, error } = await runAgainstMock(loadFixture('every-field-type'));
		expect(error).toBeUndefined();
		expect(mock.requests).toHaveLength(1);
		const [request] = mock.requests;
		expect(request.method).toBe('PATCH');
		expect(request.url).toBe(everyFieldTypePath);
		expect(request.headers).toMatchObject({
			'x-api-key': API_KEY,
			accept: 'application/json',
			'content-type': 'application/json',
		});
		expect(request.body).toEqual(everyFieldTypeBody);
		expect(output('Agilize')).toEqual([
			{ json: { _id: 'room 42/a', ...(request.body as object) }, pairedItem: { item: 0 } },
		]);
	});

	test('several items: one request each, in order, with their own expression values', async () => {
		const { mock, output } = await runAgainstMock(loadFixture('several-items'));
		expect(mock.requests.map((r) => [r.url, r.body])).toEqual(severalItemsRequests);
		expect(output('Agilize').map((item) => [item.json._id, item.pairedItem])).toEqual([
			['r1', { item: 0 }],
			['r2', { item: 1 }],
			['r3', { item: 2 }],
		]);
	});

	test('an empty answer (204, or 200 without a body) becomes { success: true }', async () => {
		const workflow = workflowWith([{ id: 'a' }, { id: 'b' }], {
			roomId: '={{ $json.id }}',
			updateFields: { tags: 'x' },
		});
		const { output, error } = await runAgainstMock(workflow, {
			responses: { a: { status: 204 }, b: { status: 200, rawBody: '' } },
		});
		expect(error).toBeUndefined();
		expect(output('Agilize').map((item) => item.json)).toEqual([
			{ success: true },
			{ success: true },
		]);
	});

	test('a workflow saved without resource and operation (their defaults) updates the room', async () => {
		const workflow = loadFixture('saved-without-resource');
		expect(agilizeNode(workflow).parameters).not.toHaveProperty('resource');
		expect(agilizeNode(workflow).parameters).not.toHaveProperty('operation');
		const { mock, error } = await runAgainstMock(workflow);
		expect(error).toBeUndefined();
		expect(mock.requests.map((r) => [r.method, r.url, r.body])).toEqual([
			['PATCH', '/messenger/chat/room/r1', { department: 'sales' }],
		]);
	});

	test('a trailing slash in the Base URL is tolerated', async () => {
		const { mock, error } = await runAgainstMock(loadFixture('assign-room'), {
			baseUrl: (url) => `${url}/`,
		});
		expect(error).toBeUndefined();
		expect(mock.requests.map((r) => r.url)).toEqual(['/messenger/chat/room/r1']);
	});
});

describe('errors a user can act on', () => {
	test('with the error output, a 404 in the middle goes there, paired to its input; the rest succeed in order', async () => {
		const { mock, output, error } = await runAgainstMock(loadFixture('error-output'), {
			missingRooms: ['missing-room'],
		});
		expect(error).toBeUndefined();
		expect(mock.requests.map((r) => r.url)).toEqual([
			'/messenger/chat/room/r1',
			'/messenger/chat/room/missing-room',
			'/messenger/chat/room/r3',
		]);
		expect(output('Agilize', 0).map((item) => [item.json._id, item.pairedItem])).toEqual([
			['r1', { item: 0 }],
			['r3', { item: 2 }],
		]);
		expect(output('Agilize', 1)).toEqual([
			expect.objectContaining({
				json: { error: 'Chat room "missing-room" was not found (HTTP 404)' },
				pairedItem: { item: 1 },
			}),
		]);
	});

	test('with "Continue (using regular output)", the failing item stays in its place as an error item', async () => {
		const workflow = loadFixture('error-output');
		agilizeNode(workflow).onError = 'continueRegularOutput';
		const { output } = await runAgainstMock(workflow, { missingRooms: ['missing-room'] });
		expect(output('Agilize').map((item) => [item.json, item.pairedItem])).toEqual([
			[expect.objectContaining({ _id: 'r1' }), { item: 0 }],
			[{ error: 'Chat room "missing-room" was not found (HTTP 404)' }, { item: 1 }],
			[expect.objectContaining({ _id: 'r3' }), { item: 2 }],
		]);
	});

	test('without Continue On Fail, a 404 stops the node with the item index and HTTP code; later items are not sent', async () => {
		const workflow = loadFixture('error-output');
		delete agilizeNode(workflow).onError;
		agilizeNode(workflow).parameters.options = { concurrency: 1 };
		const { mock, error } = await runAgainstMock(workflow, { missingRooms: ['missing-room'] });
		expect(mock.requests).toHaveLength(2);
		expect(error).toMatchObject({
			name: 'NodeApiError',
			message: 'Chat room "missing-room" was not found (HTTP 404)',
			httpCode: '404',
			description: 'Room not found',
			context: expect.objectContaining({ itemIndex: 1 }),
		});
	});

	test('a rejected key says so and names the credential; the key appears nowhere', async () => {
		const wrongKey = 'ak_wrong_0c1d2e3f4a5b';
		const { error, everything } = await runAgainstMock(loadFixture('assign-room'), {
			credentialKey: wrongKey,
		});
		expect(error).toMatchObject({
			message: 'Agilize rejected the API key (HTTP 401): check the Agilize API credential',
			httpCode: '401',
		});
		expect(everything).not.toContain(wrongKey);
	});

	test('403 is read as a rejected key too', async () => {
		const { error } = await runAgainstMock(loadFixture('assign-room'), {
			responses: { r1: { status: 403, body: { message: 'Forbidden' } } },
		});
		expect(error).toMatchObject({
			message: expect.stringContaining('rejected the API key (HTTP 403)'),
			httpCode: '403',
		});
	});

	test('a 500 is reported as a server error with the API’s own message as description', async () => {
		const { error } = await runAgainstMock(loadFixture('assign-room'), {
			responses: { r1: { status: 500, body: { message: 'database unavailable' } } },
		});
		expect(error).toMatchObject({
			message: 'Agilize answered with a server error (HTTP 500)',
			description: 'database unavailable',
			httpCode: '500',
		});
	});

	test('a validation answer that echoes the key is scrubbed of it', async () => {
		const { error, everything } = await runAgainstMock(loadFixture('assign-room'), {
			responses: {
				r1: { status: 422, body: { message: `request with key ${API_KEY} is invalid` } },
			},
		});
		expect(error).toMatchObject({
			message: 'Agilize rejected the request (HTTP 422)',
			description: 'request with key *** is invalid',
		});
		expect(everything).not.toContain(API_KEY);
	});

	test('an unreachable server names the Base URL', async () => {
		const baseUrl = await unreachableBaseUrl();
		const { error, everything } = await runAgainstMock(loadFixture('assign-room'), {
			baseUrl: () => baseUrl,
		});
		expect(error).toMatchObject({
			message: `Could not reach Agilize at ${baseUrl}: the connection was refused`,
		});
		expect(everything).not.toContain(API_KEY);
	});

	test('no field to update is an error, and nothing is sent', async () => {
		const workflow = workflowWith([{}], {
			roomId: 'r1',
			updateFields: { department: '', tags: ' , ' },
		});
		const { mock, error } = await runAgainstMock(workflow);
		expect(mock.requests).toHaveLength(0);
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message:
				'Nothing to update: add at least one field under "Update Fields" or "Fields to Clear", or a key to the JSON body [item 0]',
			context: expect.objectContaining({ itemIndex: 0 }),
		});
	});

	test.each([
		['', '"Room ID" (_id) cannot be ""'],
		['  ', '"Room ID" (_id) cannot be ""'],
		['..', '"Room ID" (_id) cannot be ".."'],
		['.', '"Room ID" (_id) cannot be "."'],
	])(
		'Room ID %j cannot address another path: an error, and nothing is sent',
		async (roomId, message) => {
			// From an expression: n8n itself refuses a literal empty required parameter.
			const workflow = workflowWith([{ roomId }], {
				roomId: '={{ $json.roomId }}',
				updateFields: { department: 'x' },
			});
			const { mock, error } = await runAgainstMock(workflow);
			expect(mock.requests).toHaveLength(0);
			expect(error).toMatchObject({ message: `${message} [item 0]` });
		},
	);

	test('a bad field value names the field and the item; with Continue On Fail the other items still run', async () => {
		const items = [{ flag: 1 }, { flag: 'abc' }, { flag: 3 }];
		const parameters = {
			roomId: '=r{{ $itemIndex }}',
			updateFields: { botFlag: '={{ $json.flag }}' },
		};
		const stopped = await runAgainstMock(workflowWith(items, parameters));
		expect(stopped.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Update Fields: "Bot Flag" (botFlag) must be a number, got "abc" [item 1]',
			context: expect.objectContaining({ itemIndex: 1 }),
		});

		const continued = await runAgainstMock(
			workflowWith(items, parameters, 'continueRegularOutput'),
		);
		expect(continued.mock.requests.map((r) => [r.url, r.body])).toEqual([
			['/messenger/chat/room/r0', { botFlag: 1 }],
			['/messenger/chat/room/r2', { botFlag: 3 }],
		]);
		expect(continued.output('Agilize').map((item) => [item.json, item.pairedItem])).toEqual([
			[{ _id: 'r0', botFlag: 1 }, { item: 0 }],
			[
				{ error: 'Update Fields: "Bot Flag" (botFlag) must be a number, got "abc" [item 1]' },
				{ item: 1 },
			],
			[{ _id: 'r2', botFlag: 3 }, { item: 2 }],
		]);
	});
});

test('an expression n8n cannot evaluate names the nested field and the item', async () => {
	const workflow = workflowWith(
		[{ id: 'r1' }, { id: 'r2' }],
		{
			roomId: '={{ $json.id }}',
			updateFields: {
				department: 'sales',
				utm: { values: { source: '={{ $itemIndex === 1 ? $json.id.toUpperCase : "ads" }}' } },
			},
		},
		'continueRegularOutput',
	);
	const { mock, output } = await runAgainstMock(workflow);
	expect(mock.requests.map((r) => r.url)).toEqual(['/messenger/chat/room/r1']);
	expect(output('Agilize')[1].json.error).toMatch(
		/^"Update Fields" \(updateFields\.utm\.values\.source\) could not be evaluated: .+ \[item 1\]$/,
	);
});

describe('clearing fields and the JSON body', () => {
	test('Fields to Clear are sent as null; clearing alone is something to update', async () => {
		const workflow = workflowWith([{}], { roomId: 'r1', fieldsToClear: ['user', 'department'] });
		const { mock, error } = await runAgainstMock(workflow);
		expect(error).toBeUndefined();
		expect(mock.requests.map((r) => r.rawBody)).toEqual(['{"user":null,"department":null}']);
	});

	test('a field both cleared and set stops the item before anything is sent', async () => {
		const workflow = workflowWith([{}], {
			roomId: 'r1',
			updateFields: { user: 'u1' },
			fieldsToClear: ['user'],
		});
		const { mock, error } = await runAgainstMock(workflow);
		expect(mock.requests).toHaveLength(0);
		expect(error).toMatchObject({
			message:
				'"User" (user) is both in Fields to Clear and in Update Fields: remove it from one of them [item 0]',
		});
	});

	test('Using JSON sends the object as given; unknown keys are refused unless allowed', async () => {
		const json = {
			roomId: 'r1',
			specifyBody: 'json',
			jsonBody: '={{ { department: "sales", lastEvent: "2026-11-25T09:30:00", x: 1 } }}',
		};
		const refused = await runAgainstMock(workflowWith([{}], json));
		expect(refused.mock.requests).toHaveLength(0);
		expect(refused.error?.message).toContain('has keys that are not fields of the Agilize API: x');

		const allowed = await runAgainstMock(workflowWith([{}], { ...json, allowUnknownFields: true }));
		expect(allowed.mock.requests.map((r) => r.body)).toEqual([
			{ department: 'sales', lastEvent: '2026-11-25T09:30:00', x: 1 },
		]);
	});
});

test('$fromAI() in Room ID and fields resolves from the tool call’s arguments, as n8n’s tool execution supplies them', async () => {
	const { mock, output, error } = await runAgainstMock(loadFixture('ai-tool-fromai'));
	expect(error).toBeUndefined();
	expect(mock.requests.map((r) => [r.url, r.body])).toEqual([
		['/messenger/chat/room/9001', { department: 'sales', tags: ['vip', 'hot lead'], chSrc: 1 }],
	]);
	expect(output('Agilize')).toHaveLength(1);
});
