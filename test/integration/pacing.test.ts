import { API_KEY, runAgainstMock, workflowWith } from '../harness/helpers';

const rooms = (count: number) => Array.from({ length: count }, (_, i) => ({ roomId: `room-${i}` }));
const workflow = (count: number, options: Record<string, number | boolean>) =>
	workflowWith(rooms(count), {
		roomId: '={{ $json.roomId }}',
		updateFields: { tags: '={{ "t" + $itemIndex }}' },
		options,
	});

/** Every room got exactly one successful request: one per item, and the rest were 429s. */
function updatedOnce(mock: Awaited<ReturnType<typeof runAgainstMock>>['mock'], count: number) {
	const rooms = new Set(mock.requests.map((request) => request.url));
	return rooms.size === count && mock.requests.length - mock.rateLimited === count;
}

// Speed under a rate limit is measured by `npm run bench` in real n8n; these check behaviour.
describe('pacing against a rate-limited API (token bucket, 429 with Retry-After: 1)', () => {
	test('at the defaults, no item fails because of 429s; the node slows down instead of tripping the limit again and again', async () => {
		const { mock, output, error } = await runAgainstMock(workflow(300, {}), {
			rateLimit: { perSecond: 100, burst: 10 },
			latencyMs: 10,
		});
		expect(error).toBeUndefined();
		expect(output('Agilize').map((item) => item.json._id)).toEqual(
			rooms(300).map((room) => room.roomId),
		);
		expect(updatedOnce(mock, 300)).toBe(true);
		// Unpaced, 5 requests at a time at 10 ms would meet the limit every few tens of milliseconds.
		expect(mock.rateLimited).toBeLessThanOrEqual(20);
		expect(mock.peakInFlight).toBeLessThanOrEqual(5);
	});

	test('with Max Requests per Second at the limit, requests are spread out and the limit is (almost) never hit', async () => {
		const { mock, error } = await runAgainstMock(
			workflow(300, { maxRequestsPerSecond: 100, concurrency: 10 }),
			{
				rateLimit: { perSecond: 100, burst: 10 },
				latencyMs: 10,
			},
		);
		expect(error).toBeUndefined();
		expect(updatedOnce(mock, 300)).toBe(true);
		expect(mock.rateLimited).toBeLessThanOrEqual(2);
		// Evenly spread: no 100 ms holds more than the limit allows plus the burst.
		const times = mock.requests.map((request) => request.receivedAt).sort((a, b) => a - b);
		const busiest = Math.max(
			...times.map((t, i) => times.slice(i).filter((u) => u < t + 100).length),
		);
		expect(busiest).toBeLessThanOrEqual(10 + 10);
	});

	test('Max Retries 0 turns retrying off, 429s included', async () => {
		const { error } = await runAgainstMock(workflow(50, { maxRetries: 0 }), {
			rateLimit: { perSecond: 1, burst: 2 },
		});
		expect(error).toMatchObject({
			message: 'Agilize is rate limiting requests (HTTP 429): try again later',
			httpCode: '429',
		});
	});
});

describe('Dry Run', () => {
	test('validates every item and shows the request it would send, sending nothing and never the key', async () => {
		const items = [
			{ roomId: 'r 1/a', tags: 'vip, new' },
			{ roomId: '..', tags: 'x' },
			{ roomId: 'r3', tags: 'y' },
		];
		const parameters = {
			roomId: '={{ $json.roomId }}',
			updateFields: { tags: '={{ $json.tags }}', lastEvent: '2026-11-25T09:30:00' },
			options: { dryRun: true },
		};
		const { mock, output, everything } = await runAgainstMock(
			workflowWith(items, parameters, 'continueRegularOutput'),
		);
		expect(mock.requests).toHaveLength(0);
		const base = output('Agilize')[0].json.url as string;
		expect(output('Agilize').map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{
					method: 'PATCH',
					url: base,
					body: { tags: ['vip', 'new'], lastEvent: '2026-11-25T12:30:00.000Z' },
				},
				{ item: 0 },
			],
			[{ error: '"Room ID" (_id) cannot be ".." [item 1]' }, { item: 1 }],
			[
				{
					method: 'PATCH',
					url: base.replace('r%201%2Fa', 'r3'),
					body: { tags: ['y'], lastEvent: '2026-11-25T12:30:00.000Z' },
				},
				{ item: 2 },
			],
		]);
		expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/messenger\/chat\/room\/r%201%2Fa$/);
		expect(everything).not.toContain(API_KEY);
	});
});
