import { RateLimiter } from '../../nodes/Agilize/transport/rateLimiter';

beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

test('turns under Max Requests per Second are 1 / rate apart, first come first served', async () => {
	const limiter = new RateLimiter();
	limiter.addCap(4);
	const start = Date.now();
	const turns = [limiter.acquire(), limiter.acquire(), limiter.acquire()];
	await jest.advanceTimersByTimeAsync(1000);
	expect(await Promise.all(turns)).toEqual([
		{ startedAt: start },
		{ startedAt: start + 250 },
		{ startedAt: start + 500 },
	]);
});

test('a request still without a turn at its deadline gives up; a cancelled one leaves the queue at once; the next in line goes on', async () => {
	const limiter = new RateLimiter();
	limiter.addCap(1);
	const start = Date.now();
	expect(await limiter.acquire()).toEqual({ startedAt: start });
	const late = limiter.acquire(undefined, start + 300);
	const stop = new AbortController();
	const cancelled = limiter.acquire(stop.signal);
	const next = limiter.acquire();
	stop.abort();
	expect(await cancelled).toBe('cancelled');
	expect(Date.now()).toBe(start);
	// At 1 per second the next turn is 1 s away, past the 300 ms deadline.
	await jest.advanceTimersByTimeAsync(1000);
	expect(await late).toBe('waitedTooLong');
	expect(await next).toEqual({ startedAt: start + 1000 });
});
