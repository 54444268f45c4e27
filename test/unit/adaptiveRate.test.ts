import { AdaptiveRate } from '../../nodes/Agilize/transport/adaptiveRate';

beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

/** `count` successes, one every 100 ms (10 per second). */
function succeed(pace: AdaptiveRate, count: number): void {
	for (let i = 0; i < count; i++) {
		jest.advanceTimersByTime(100);
		pace.succeeded();
	}
}

test('after 429s end the unpaced start, the pace grows back at the normal speed, and slowly only near the limit', () => {
	const pace = new AdaptiveRate();
	succeed(pace, 30);
	// The first wave's 429: a pause of 1 s, no pace yet.
	pace.rateLimited(Date.now() - 20, 1000);
	expect(pace.current(Date.now())).toBe(Number.POSITIVE_INFINITY);
	jest.advanceTimersByTime(1000);
	// Another within half a second of resuming, 10 per second having got through: the limit is real.
	succeed(pace, 5);
	pace.rateLimited(Date.now() - 20, 1000);
	expect(pace.current(Date.now())).toBe(5);
	jest.advanceTimersByTime(1000 + 10_000);
	// 0.2 per second while far below the 10 per second that got through (it was 0.02: a burst's
	// updates took twice the limit's time).
	expect(pace.current(Date.now())).toBeCloseTo(7, 5);
	jest.advanceTimersByTime(10_000);
	expect(pace.current(Date.now())).toBeCloseTo(9, 5);
	// Within 10 % of it, ten times slower.
	jest.advanceTimersByTime(10_000);
	expect(pace.current(Date.now())).toBeCloseTo(9.2, 5);
});
