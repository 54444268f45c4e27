import { AdaptiveRate } from './adaptiveRate';
import { wait } from './attempt';

/** What `acquire` resolves to: the time the request may start, or why it will not be sent. */
type Turn = { startedAt: number } | 'cancelled' | 'waitedTooLong';

interface Waiter {
	/** When the waiter gives up: `waitedTooLong`. */
	deadline: number;
	resolve(turn: Turn): void;
}

/**
 * Longest single sleep of the loop that hands out turns. n8n 1.x's sleep cannot be cut short,
 * so this is the longest a timer may outlive the last waiter; it also bounds how late a
 * deadline is noticed.
 */
const MAX_NAP_MS = 1000;

/** The share of an interval by which a late turn may be made up. */
const CATCH_UP = 0.25;

/**
 * Hands out turns to send, first come first served, to every request of the executions that
 * share it (one credential in one process, see `leaseRateLimiter` in connection.ts): at the adaptive rate learned
 * from 429s, and at most at the smallest Max Requests per Second among those executions. Turns are
 * `1 / pace` apart, so that requests go out evenly rather than in bursts. A waiting request
 * sends nothing and so costs no retry; it leaves the queue at once when its execution is
 * cancelled. It holds only callbacks: no request, item or credential passes through it.
 */
export class RateLimiter {
	private readonly adaptiveRate = new AdaptiveRate();

	/** Max Requests per Second of each execution sharing the limiter that set one. */
	private readonly caps: number[] = [];

	private readonly waiting: Waiter[] = [];

	private nextStart = 0;

	private dispatching = false;

	/** Cuts the dispatcher's sleep short when nobody waits any more. */
	private wake = new AbortController();

	addCap(cap: number): void {
		if (cap > 0) this.caps.push(cap);
	}

	removeCap(cap: number): void {
		const index = this.caps.indexOf(cap);
		if (index >= 0) this.caps.splice(index, 1);
	}

	/**
	 * After a 429 while unpaced, the requests that waited out the pause go at `resumeRate` rather
	 * than all at once (with many executions sharing the limiter, hundreds may wait): counted when
	 * the pause ends, so that requests made after it go unpaced again.
	 */
	private backlogPending = false;

	private backlog = 0;

	/** Requests per second now: Infinity while unpaced. */
	private rate(now: number): number {
		const learned = this.adaptiveRate.current(now);
		return Math.min(
			Number.isFinite(learned) || (!this.backlogPending && this.backlog === 0)
				? learned
				: this.adaptiveRate.resumeRate,
			...this.caps,
		);
	}

	/** Requests per second allowed now (Infinity: unpaced). */
	pace(now = Date.now()): number {
		return this.rate(now);
	}

	/** When the next request may start. */
	private nextTurnAt(now: number): number {
		if (this.adaptiveRate.pausedUntil > now) return this.adaptiveRate.pausedUntil;
		return Number.isFinite(this.rate(now)) ? Math.max(now, this.nextStart) : now;
	}

	private take(now: number): Turn {
		if (this.backlogPending && now >= this.adaptiveRate.pausedUntil) {
			this.backlogPending = false;
			// The waiters still queued, and the one taking this turn.
			this.backlog = this.waiting.length + 1;
		}
		const rate = this.rate(now);
		if (this.backlog > 0) this.backlog--;
		if (!Number.isFinite(rate)) {
			this.nextStart = now;
		} else {
			// A turn taken a little late (timers and the event loop lag) keeps the schedule, so that
			// the pace holds over a long run; later than a quarter interval (or after a quiet spell),
			// the schedule starts again from now, so that two requests never go at once.
			const interval = 1000 / rate;
			const late = now - this.nextStart;
			this.nextStart = (late > 0 && late <= interval * CATCH_UP ? this.nextStart : now) + interval;
		}
		return { startedAt: now };
	}

	/**
	 * Resolves when this request may start, in the order requests ask; `'cancelled'` as soon as
	 * `signal` aborts; `'waitedTooLong'` once `deadline` (a time) has passed without a turn.
	 */
	async acquire(signal?: AbortSignal, deadline = Number.POSITIVE_INFINITY): Promise<Turn> {
		if (signal?.aborted) return 'cancelled';
		const now = Date.now();
		if (this.waiting.length === 0 && this.nextTurnAt(now) <= now) return this.take(now);
		return await new Promise<Turn>((resolve) => {
			const onAbort = () => {
				const index = this.waiting.indexOf(waiter);
				if (index >= 0) this.waiting.splice(index, 1);
				if (this.waiting.length === 0) this.wake.abort();
				resolve('cancelled');
			};
			const waiter: Waiter = {
				deadline,
				resolve: (turn) => {
					signal?.removeEventListener('abort', onAbort);
					resolve(turn);
				},
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.waiting.push(waiter);
			void this.dispatch();
		});
	}

	/** Gives out turns while anyone waits, then stops: no timer outlives the queue by more than a nap. */
	private async dispatch(): Promise<void> {
		if (this.dispatching) return;
		this.dispatching = true;
		try {
			while (this.waiting.length > 0) {
				const now = Date.now();
				for (const waiter of this.waiting.filter((w) => w.deadline <= now)) {
					this.waiting.splice(this.waiting.indexOf(waiter), 1);
					waiter.resolve('waitedTooLong');
				}
				if (this.waiting.length === 0) break;
				const at = this.nextTurnAt(now);
				if (at > now) {
					if (this.wake.signal.aborted) this.wake = new AbortController();
					await wait(Math.min(at - now, MAX_NAP_MS), this.wake.signal);
					continue;
				}
				(this.waiting.shift() as Waiter).resolve(this.take(now));
			}
		} finally {
			this.dispatching = false;
		}
	}

	/** An attempt that ended without a 429 (whatever else it ended with): it got past the limit. */
	answered(): void {
		this.adaptiveRate.answered();
	}

	/**
	 * A 429 for a request started at `startedAt`, asking to wait `delayMs`; the pace may fall.
	 * Returns whether every request pauses for it; otherwise the caller waits alone.
	 */
	throttled(startedAt: number, delayMs: number): boolean {
		if (!this.adaptiveRate.throttled(startedAt, delayMs)) return false;
		this.nextStart = this.adaptiveRate.pausedUntil;
		this.backlogPending = true;
		return true;
	}
}
