import { rateLimitersInUse } from '../../nodes/Agilize/transport/connection';
import { runWorkflow, type WorkflowResult } from '../harness/engine/runWorkflow';
import { AgilizeMock, type MockOptions, type ScriptedResponse } from '../harness/mock/agilizeMock';
import { API_KEY, workflowWith } from '../harness/helpers';

const OTHER_KEY = 'ak_live_other_account_9e8d';

/**
 * Executions of the node in one n8n process that use the same credential share one pace: what
 * a burst of webhook executions (one room each) needs to keep to the API's rate limit. These run
 * several executions at once in one real engine, as n8n (or a queue worker) does.
 */
describe('executions sharing a credential share one pace', () => {
	let mock: AgilizeMock;

	const start = async (options: Partial<MockOptions> = {}) => {
		mock = await new AgilizeMock({ apiKey: API_KEY, moreApiKeys: [OTHER_KEY], ...options }).start();
	};

	// n8n-core loads on the first run: loaded before, the runs start when the test says.
	beforeAll(async () => {
		await import('n8n-core');
	});

	afterEach(async () => {
		await mock.stop();
	});

	/** One execution updating `rooms`, with `options`, under the credential of `apiKey`. */
	const execute = (
		rooms: string[],
		options: Record<string, number> = {},
		apiKey = API_KEY,
		cancel?: AbortSignal,
		onError?: 'continueRegularOutput',
	): Promise<WorkflowResult> =>
		runWorkflow(
			workflowWith(
				rooms.map((roomId) => ({ roomId })),
				{ roomId: '={{ $json.roomId }}', updateFields: { department: 'sales' }, options },
				onError,
			),
			{ agilizeApi: { apiKey, baseUrl: mock.baseUrl } },
			undefined,
			cancel,
		);

	const arrivals = (prefix: string) =>
		mock.requests
			.filter((request) => request.url.startsWith(`/messenger/chat/room/${prefix}`))
			.map((request) => request.receivedAt);

	/** Polls until `condition` holds: Jest's test timeout, not a deadline of its own, bounds it. */
	const until = async (condition: () => boolean) => {
		while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
	};
	/** Until the mock has answered `count` requests and the node has had time to read the answers. */
	const answered = async (count: number) => {
		await until(() => mock.requests.length >= count);
		await new Promise((resolve) => setTimeout(resolve, 200));
	};

	const retryAfter = (seconds: number): ScriptedResponse => ({
		status: 429,
		body: { message: 'Too many requests' },
		headers: { 'retry-after': String(seconds) },
	});

	test('a burst of 60 executions, one room each, against 20 requests/s: every room updated, most requests after the first wave not answered 429', async () => {
		await start({ rateLimit: { perSecond: 20, burst: 2 }, latencyMs: 5 });
		// Started 10 ms apart, as webhook calls reach n8n: 100 per second, five times the limit.
		const runs = await Promise.all(
			Array.from({ length: 60 }, async (_, i) => {
				await new Promise((resolve) => setTimeout(resolve, i * 10));
				return await execute([`burst-${i}`]);
			}),
		);
		expect(runs.map((run) => run.error?.message)).toEqual(runs.map(() => undefined));
		expect(mock.updated.size).toBe(60);
		// The first wave is what the executions had sent before the first 429s came back (all
		// within the first 0.1 s in runs logged, 6 to 21 of them). Paced alone, each execution would
		// send again every second while 20 get through: most later requests would be 429s.
		// Shared, they are a minority however slowly a loaded machine runs the executions; how few
		// (about 10 % on an idle machine) is the bench's and the e2e burst's figure, not a test's.
		const later = mock.rateLimited - mock.firstWave();
		expect(later).toBeLessThan(mock.requests.length / 2);
		expect(rateLimitersInUse()).toBe(0);
	});

	test("a 429's Retry-After pauses every execution of the same credential; another account's executions go on", async () => {
		await start({ script: { first: [retryAfter(2)] } });
		const limited = execute(['first']);
		await answered(1);
		const limitedAt = mock.requests[0].receivedAt;
		const [same, other] = await Promise.all([
			execute(['same-0', 'same-1', 'same-2']),
			execute(['other-0', 'other-1', 'other-2'], {}, OTHER_KEY),
		]);
		expect([(await limited).error, same.error, other.error]).toEqual([
			undefined,
			undefined,
			undefined,
		]);
		expect(Math.min(...arrivals('same-'))).toBeGreaterThanOrEqual(limitedAt + 1900);
		// Another account's requests went during the pause: all of them before the paused ones.
		expect(Math.max(...arrivals('other-'))).toBeLessThan(Math.min(...arrivals('same-')));
		expect(mock.updated.size).toBe(7);
		expect(rateLimitersInUse()).toBe(0);
	});

	test('the smallest Max Requests per Second among them paces all of them; another account keeps its own', async () => {
		await start();
		const rooms = (prefix: string, count: number) =>
			Array.from({ length: count }, (_, i) => `${prefix}${i}`);
		// The cap applies while its execution holds the pacer: it starts first and has the most rooms.
		const capped = execute(rooms('capped-', 12), { maxRequestsPerSecond: 5 });
		await until(() => mock.requests.length > 0);
		const runs = await Promise.all([
			capped,
			execute(rooms('uncapped-', 5)),
			execute(rooms('other-', 8), {}, OTHER_KEY),
		]);
		expect(runs.map((run) => run.error)).toEqual([undefined, undefined, undefined]);
		// Alone, the execution without a cap would send its 5 requests at once (Max Concurrent Requests 5).
		const uncapped = arrivals('uncapped-').sort((a, b) => a - b);
		for (let i = 1; i < uncapped.length; i++)
			expect(uncapped[i] - uncapped[i - 1]).toBeGreaterThanOrEqual(150);
		// 17 requests at 5 per second: over 3 s from first to last, whoever set the cap.
		const shared = [...arrivals('capped-'), ...uncapped].sort((a, b) => a - b);
		expect(shared[shared.length - 1] - shared[0]).toBeGreaterThanOrEqual(2800);
		// The other account's execution set no cap and shares nothing: it is not slowed down.
		// Paced at 5 per second, its 8 requests would span at least 1.4 s; unpaced they go 5 at once,
		// so they span less than the paced 17 did (a comparison that load on the machine cannot flip).
		const other = arrivals('other-');
		const sharedSpan = shared[shared.length - 1] - shared[0];
		expect(Math.max(...other) - Math.min(...other)).toBeLessThan(sharedSpan / 2);
		expect(rateLimitersInUse()).toBe(0);
	});

	test('cancelling an execution ends its items waiting out a 60 s Retry-After, and lets the pacer go', async () => {
		const rooms = Array.from({ length: 5 }, (_, i) => `wait-${i}`);
		// A wait the node takes (60 s is the longest it waits) and that outlasts Jest's test timeout:
		// the run can end only if cancelling ends the waits.
		await start({ script: Object.fromEntries(rooms.map((room) => [room, [retryAfter(60)]])) });
		const stop = new AbortController();
		const running = execute(rooms, {}, API_KEY, stop.signal);
		await answered(5);
		expect(rateLimitersInUse()).toBe(1);
		stop.abort();
		const { run } = await running;
		// n8n records a run as canceled when its error says "canceled", as this node's does.
		expect(run.status).toBe('canceled');
		expect(run.data.resultData.error?.message).toMatch(/the execution was canceled$/);
		expect(mock.requests).toHaveLength(5);
		expect(rateLimitersInUse()).toBe(0);
	});

	test('with Continue On Fail, a cancelled execution still ends canceled: items never sent are not a shorter success', async () => {
		const rooms = Array.from({ length: 6 }, (_, i) => `later-${i}`);
		await start({ script: { 'later-0': [retryAfter(30)] } });
		const stop = new AbortController();
		const running = execute(
			rooms,
			{ concurrency: 1 },
			API_KEY,
			stop.signal,
			'continueRegularOutput',
		);
		await answered(1);
		stop.abort();
		const { run } = await running;
		expect(mock.requests).toHaveLength(1);
		expect(run.status).toBe('canceled');
		// The node fails as a whole (n8n then passes the input on, as Continue On Fail does), never
		// with an output one item long that reads as a finished run.
		expect(run.data.resultData.runData.Agilize?.[0]?.error?.message).toBe(
			'The execution was canceled before every item was sent',
		);
	});
});
