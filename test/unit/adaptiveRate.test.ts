import { runPool } from '../../nodes/Agilize/actions/router';
import type { Sender } from '../../nodes/Agilize/transport/connection';
import { RateLimiter } from '../../nodes/Agilize/transport/rateLimiter';
import { sendRequest } from '../../nodes/Agilize/transport/request';
import {
	seededRandom,
	SimulatedApi,
	tokenBucket,
	type SimulatedAnswer,
} from '../harness/simulatedApi';

/**
 * The pace against simulated APIs, on Jest's fake clock: minutes of requests in a second, the
 * same every run. Each run is `count` requests, `concurrency` at once, through the real
 * transport and rate limiter, as one execution of the node sends them.
 */
beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

async function run(
	api: SimulatedApi,
	count: number,
	concurrency: number,
	options: Partial<Sender> & { maxRequestsPerSecond?: number } = {},
) {
	const rateLimiter = new RateLimiter();
	rateLimiter.addCap(options.maxRequestsPerSecond ?? 0);
	const sender: Sender = {
		baseUrl: 'http://api.test',
		apiKey: 'key',
		send: api.send,
		timeoutMs: 30_000,
		maxRetries: 3,
		rateLimiter,
		...options,
	};
	const started = Date.now();
	let succeeded = 0;
	let failed = 0;
	let done = false;
	void runPool(
		count,
		concurrency,
		async (index) => {
			try {
				await sendRequest(
					{ method: 'PATCH', path: `/r/${index}`, body: { a: 1 }, idempotent: true },
					sender,
				);
				succeeded++;
			} catch {
				failed++;
			}
		},
		() => false,
	).then(() => (done = true));
	while (!done) await jest.advanceTimersByTimeAsync(10);
	return {
		seconds: (Date.now() - started) / 1000,
		succeeded,
		failed,
		rateLimited: api.rateLimited,
		requests: api.requests,
	};
}

describe('a blip: a 429 now and then, with no limit behind it, costs its Retry-After and little more', () => {
	test('1 % of attempts answered 429 among other failures: within 1.15 × (the run without them + 1 s per 429)', async () => {
		// The same faults for the same attempts in both runs; the 429s are drawn apart.
		const flaky = (share429: number) => {
			const faults = seededRandom(7);
			const limits = seededRandom(11);
			return (): SimulatedAnswer => {
				const is429 = limits() < share429;
				const roll = faults();
				if (is429) return { status: 429, retryAfter: '1' };
				if (roll < 0.05) return { status: 503 };
				if (roll < 0.08) return 'reset';
				if (roll < 0.12) return 'hang';
				return { status: 200 };
			};
		};
		const without = await run(new SimulatedApi(flaky(0)), 1000, 10, { timeoutMs: 1000 });
		const withBlips = await run(new SimulatedApi(flaky(0.01)), 1000, 10, { timeoutMs: 1000 });
		expect(withBlips.rateLimited).toBeGreaterThanOrEqual(5);
		expect(withBlips.seconds).toBeLessThanOrEqual(1.15 * (without.seconds + withBlips.rateLimited));
		// Every item ended, and the 429s cost no item its update.
		expect(withBlips.succeeded + withBlips.failed).toBe(1000);
		expect(withBlips.succeeded).toBeGreaterThanOrEqual(without.succeeded - 10);
	});

	test('a single 429 pauses for its Retry-After, and the pace stays where it was', async () => {
		let answered = 0;
		const api = new SimulatedApi(() =>
			++answered === 300 ? { status: 429, retryAfter: '2' } : { status: 200 },
		);
		const { seconds, succeeded, rateLimited } = await run(api, 1000, 10);
		// 1,000 requests, 10 at a time, 20 ms each: 2 s; plus the 2 s asked for.
		expect(rateLimited).toBe(1);
		expect(succeeded).toBe(1000);
		expect(seconds).toBeGreaterThanOrEqual(4);
		expect(seconds).toBeLessThan(4.3);
	});
});

describe('a sustained limit', () => {
	test('a token bucket of 50/s (burst 10): 1,500 updates at 95 % of what the limit allows or better, few 429s', async () => {
		const api = new SimulatedApi(tokenBucket(() => 50, 10));
		const { seconds, succeeded, rateLimited } = await run(api, 1500, 5);
		expect(succeeded).toBe(1500);
		expect(30 / seconds).toBeGreaterThanOrEqual(0.95);
		expect(rateLimited).toBeLessThanOrEqual(20);
	});

	test('Max Requests per Second at the limit: no 429 at all, 98 % of the limit or better', async () => {
		const api = new SimulatedApi(tokenBucket(() => 50, 10));
		const { seconds, rateLimited } = await run(api, 1500, 5, { maxRequestsPerSecond: 50 });
		expect(rateLimited).toBe(0);
		expect(30 / seconds).toBeGreaterThanOrEqual(0.98);
	});
});

describe('a limit that moves', () => {
	test('lifted from 20/s to 100/s after 10 s: the pace finds the new limit (2,000 updates in under 40 s; 28 s at best)', async () => {
		let limit = 20;
		setTimeout(() => (limit = 100), 10_000);
		const api = new SimulatedApi(tokenBucket(() => limit, 10));
		const { seconds, succeeded } = await run(api, 2000, 5);
		expect(succeeded).toBe(2000);
		expect(seconds).toBeLessThan(40);
	});

	test('dropped from 50/s to 20/s after 10 s: the pace follows it down (1,500 updates in under 66 s; 60 s at best)', async () => {
		let limit = 50;
		setTimeout(() => (limit = 20), 10_000);
		const api = new SimulatedApi(tokenBucket(() => limit, 10));
		const { seconds, succeeded, rateLimited } = await run(api, 1500, 5);
		expect(succeeded).toBe(1500);
		expect(seconds).toBeLessThan(66);
		expect(rateLimited).toBeLessThan(60);
	});
});
