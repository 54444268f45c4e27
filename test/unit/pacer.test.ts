import { Pacer } from '../../nodes/Agilize/transport/pacer';

test('a request still without a turn at its deadline gives up; a cancelled one leaves the queue at once; the next in line goes on', async () => {
	const pacer = new Pacer();
	pacer.addCap(1);
	const started = Date.now();
	expect(await pacer.acquire()).toEqual({ startedAt: expect.any(Number) as number });
	const late = pacer.acquire(undefined, Date.now() + 300);
	const stop = new AbortController();
	const cancelled = pacer.acquire(stop.signal);
	const next = pacer.acquire();
	stop.abort();
	expect(await cancelled).toBe('cancelled');
	expect(Date.now() - started).toBeLessThan(100);
	// At 1 per second the next turn is 1 s away, past the 300 ms deadline.
	expect(await late).toBe('waitedTooLong');
	const turn = await next;
	expect(turn).toEqual({ startedAt: expect.any(Number) as number });
	expect((turn as { startedAt: number }).startedAt - started).toBeGreaterThanOrEqual(990);
});
