import type { ScriptedFault, ScriptedResponse } from '../harness/mock/agilizeMock';
import { runAgainstMock, workflowWith } from '../harness/helpers';

const rooms = (count: number) => Array.from({ length: count }, (_, i) => ({ roomId: `room-${i}` }));
const parameters = (options: Record<string, number>) => ({
	roomId: '={{ $json.roomId }}',
	updateFields: { tags: '={{ "t" + $itemIndex }}' },
	options,
});

describe('retries and bounded concurrency, with faults injected by the mock API', () => {
	test('1,000 items through 503s, 429s (with and without Retry-After), resets and a hang: all succeed, once each', async () => {
		const script: Record<string, Array<ScriptedResponse | ScriptedFault>> = {};
		for (let i = 0; i < 1000; i += 50)
			script[`room-${i}`] = [{ status: 503, body: { message: 'busy' } }];
		for (let i = 7; i < 1000; i += 300)
			script[`room-${i}`] = [{ status: 429, headers: { 'retry-after': '0' } }];
		script['room-11'] = [{ status: 429 }, { status: 502 }];
		script['room-12'] = [{ fault: 'reset' }, { status: 504 }, { fault: 'reset' }];
		script['room-13'] = [{ fault: 'hang' }];

		// A Timeout no answer of a loaded machine's mock comes near (only the hang meets it), so that
		// the requests are exactly those the script implies.
		const workflow = workflowWith(
			rooms(1000),
			parameters({ concurrency: 10, maxRetries: 3, timeout: 5000 }),
		);
		const { mock, output, error } = await runAgainstMock(workflow, { script, recordBodies: false });

		expect(error).toBeUndefined();
		const items = output('Agilize');
		expect(items).toHaveLength(1000);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toEqual({ _id: `room-${index}`, tags: [`t${index}`] });
		});
		// Exactly the requests the script implies: its faults, then the one that succeeds.
		const expectedRequests =
			1000 + Object.values(script).reduce((sum, steps) => sum + steps.length, 0);
		expect(mock.requests).toHaveLength(expectedRequests);
		for (const [room, steps] of Object.entries(script))
			expect(mock.requestsFor(room)).toHaveLength(steps.length + 1);
		expect(mock.requestsFor('room-501')).toHaveLength(1);
		expect(mock.peakInFlight).toBeLessThanOrEqual(10);
		// A thousand items through the engine: bounded by what they do, not by how fast a shared
		// machine runs them.
	}, 180_000);

	test('with Max Retries 0 and Continue On Fail, failing items become error items in place; the rest succeed', async () => {
		const script = { 'room-3': [{ status: 503 }], 'room-5': [{ fault: 'reset' as const }] };
		const workflow = workflowWith(
			rooms(10),
			parameters({ concurrency: 4, maxRetries: 0 }),
			'continueRegularOutput',
		);
		const { mock, output } = await runAgainstMock(workflow, { script });
		expect(mock.requests).toHaveLength(10);
		const items = output('Agilize');
		expect(items.map((item) => item.pairedItem)).toEqual(
			[...Array(10).keys()].map((item) => ({ item })),
		);
		expect(items[3].json).toEqual({ error: 'Agilize answered with a server error (HTTP 503)' });
		expect(items[5].json).toEqual({
			error: expect.stringMatching(
				/^Could not reach Agilize at http:\/\/127\.0\.0\.1:\d+: the connection was closed unexpectedly$/,
			),
		});
		expect(items.filter((item) => 'error' in item.json)).toHaveLength(2);
	});

	test('500 and 4xx answers are not retried', async () => {
		const script = {
			'room-0': [{ status: 500 }],
			'room-1': [{ status: 400 }],
			'room-2': [{ status: 422 }],
		};
		const workflow = workflowWith(rooms(3), parameters({ maxRetries: 5 }), 'continueRegularOutput');
		const { mock, output } = await runAgainstMock(workflow, { script });
		expect(mock.requests).toHaveLength(3);
		expect(output('Agilize').map((item) => item.json.error)).toEqual([
			'Agilize answered with a server error (HTTP 500)',
			'Agilize rejected the request (HTTP 400)',
			'Agilize rejected the request (HTTP 422)',
		]);
	});

	test('a Retry-After beyond the cap fails the item with how long the API asked to wait', async () => {
		const script = { 'room-0': [{ status: 429, headers: { 'retry-after': '3600' } }] };
		const { mock, error } = await runAgainstMock(workflowWith(rooms(1), parameters({})), {
			script,
		});
		expect(mock.requests).toHaveLength(1);
		expect(error).toMatchObject({
			message:
				'Agilize asked to wait 3600 s before retrying (HTTP 429), longer than the 60 s this node waits',
			httpCode: '429',
		});
	});

	test('retries that run out report the last failure and how many retries were made', async () => {
		const script = { 'room-0': Array(3).fill({ status: 503, body: { message: 'maintenance' } }) };
		const { mock, error } = await runAgainstMock(
			workflowWith(rooms(1), parameters({ maxRetries: 2 })),
			{ script },
		);
		expect(mock.requests).toHaveLength(3);
		expect(error).toMatchObject({
			message: 'Agilize answered with a server error (HTTP 503)',
			description: 'maintenance Gave up after 2 retries.',
		});
	});

	test('a 429 pauses the whole pool, not just the item that got it', async () => {
		const script = { 'room-2': [{ status: 429, headers: { 'retry-after': '1' } }] };
		const workflow = workflowWith(rooms(40), parameters({ concurrency: 4 }));
		const { mock, error } = await runAgainstMock(workflow, { script, latencyMs: 20 });
		expect(error).toBeUndefined();
		const rateLimited = mock.requestsFor('room-2')[0].receivedAt + 20; // answered after the latency
		const during = mock.requests.filter(
			(r) => r.receivedAt > rateLimited + 100 && r.receivedAt < rateLimited + 900,
		);
		// At most the 3 requests already in flight when the 429 came (late on a loaded machine);
		// without the pause, some 150 would arrive in that window.
		expect(during.length).toBeLessThanOrEqual(3);
		expect(mock.requests).toHaveLength(41);
	});

	test('without Continue On Fail, the first failure stops new requests; the node fails with that item', async () => {
		const workflow = workflowWith(rooms(100), parameters({ concurrency: 3 }));
		const { mock, error } = await runAgainstMock(workflow, {
			missingRooms: ['room-10'],
			latencyMs: 5,
		});
		expect(mock.requests.length).toBeLessThanOrEqual(13);
		expect(error).toMatchObject({
			message: 'Chat room "room-10" was not found (HTTP 404)',
			context: expect.objectContaining({ itemIndex: 10 }),
		});
	});

	test('output keeps input order whatever order the responses arrive in', async () => {
		const workflow = workflowWith(rooms(30), parameters({ concurrency: 30 }));
		const { output, mock } = await runAgainstMock(workflow, {
			latencyMs: (room) => 300 - Number(room.split('-')[1]) * 8,
		});
		expect(output('Agilize').map((item) => item.json._id)).toEqual(rooms(30).map((r) => r.roomId));
		// Later items answer first; all 30 are normally in flight at once (fewer if the machine stalls).
		expect(mock.peakInFlight).toBeGreaterThanOrEqual(10);
		expect(mock.peakInFlight).toBeLessThanOrEqual(30);
	});
});
