/**
 * The pace's tuned numbers, all of them, in one place. None was fitted by a sweep over bench runs:
 * each comes from a published algorithm (CUBIC) or from the shape of an API's limits, and the
 * bench's three pace
 * scenarios (`npm run bench -- --pace`, figures in bench/results.md and docs/performance.md: a
 * flaky server with sporadic 429s, a 50 requests/s token bucket at defaults and with Max
 * Requests per Second, a burst of 1,000 webhook executions against 10 requests/s) are what
 * they held. Changing one means running those scenarios again, before and after.
 */
const PACE = {
	/** Slowest rate the node falls to, in requests per second: a floor, so that a run always ends. */
	minRate: 0.5,
	/**
	 * Least rate at which the requests that queued during a pause are let go, and the least limit
	 * the node first paces at: when the first 429s come, what got through may be only what the node
	 * had been asked to send, or the gateway's burst allowance, not its rate. The webhook burst
	 * scenario's API allows exactly this (10 per second, burst 2).
	 */
	firstGuess: 10,
	/**
	 * Throttling persists when 429s are more than this share of recent answers (or when several
	 * requests in flight together are answered 429: a limit turns away everything sent past it; a
	 * blip, one request). About five 429s among the last 64 answers: the sporadic-429 scenario
	 * (1 % of attempts) stays below it and costs only its pauses; the 50/s bucket goes over it.
	 */
	persistentShare: 0.07,
	/** The moving average's weight per answer: about the last 64 answers. */
	shareWeight: 1 / 64,
	/** A first 429 this soon after sending began (or resumed) says the rate was far too high… */
	shortHoldMs: 1000,
	/** …so the limit is taken at this share of what got through. */
	shortHoldShare: 0.5,
	/** The limit taken at a fall: this share of what got through, just under it. */
	margin: 0.95,
	/** After a fall the pace restarts at this share of the limit: CUBIC's β (RFC 8312 uses 0.7; 0.9 keeps throughput near a known limit). */
	beta: 0.9,
	/** After a probe beyond the limit met a limit, the pace restarts at this share of it. */
	probeFail: 0.97,
	/** A pace this far above the limit found is probing beyond it. */
	probeMargin: 1.02,
	/** Answers a measure of what got through must rest on before a fall follows it. */
	minSample: 20,
	/** The node's own pace set the sending when at least this share of it got through. */
	binding: 0.9,
	/**
	 * CUBIC's curve, scaled to the limit: pace = limit × (1 + C × (t − K)³), t seconds since the
	 * fall and K the time it takes to climb back (3.2 s from 90 %). It climbs back quickly, lingers
	 * near the limit, then probes beyond it ever faster in case the limit was lifted: +10 % 3 s
	 * after K, +100 % 7 s after K (the unit test of a limit lifted from 20 to 100 per second).
	 */
	cubicC: 0.003,
} as const;

/**
 * Attempts that ended without a 429 per second of sending, in two one-second buckets (no list of times to grow), on a
 * clock that stops while every request is paused: what got through, not lowered by the node's
 * own Retry-After pauses.
 */
class AnswerRate {
	private readonly since: number;
	private bucketStart: number;
	private current = 0;
	private previous = 0;

	constructor(activeNow: number) {
		this.since = activeNow;
		this.bucketStart = activeNow;
	}

	private roll(activeNow: number): void {
		const passed = Math.floor((activeNow - this.bucketStart) / 1000);
		if (passed < 1) return;
		this.previous = passed === 1 ? this.current : 0;
		this.current = 0;
		this.bucketStart += passed * 1000;
	}

	add(activeNow: number): void {
		this.roll(activeNow);
		this.current++;
	}

	perSecond(activeNow: number): number {
		this.roll(activeNow);
		// Younger than a second: what got through so far, over the time it took (at least 0.1 s).
		const age = activeNow - this.since;
		if (age < 1000) return this.current / Math.max(age / 1000, 0.1);
		return this.current + this.previous * (1 - (activeNow - this.bucketStart) / 1000);
	}

	/** How many answers the measure rests on. */
	counted(activeNow: number): number {
		this.roll(activeNow);
		return this.current + this.previous;
	}
}

/**
 * The rate learned from 429s. Without 429s nothing is paced (Max Concurrent Requests bounds the
 * load).
 *
 * Unpaced, a 429 pauses every request for its Retry-After: nothing is known of the limit yet. A
 * blip (one 429 among many successes) costs that pause and nothing more. When throttling
 * persists (429s a large share of recent answers), the node starts pacing at 95 % of what got
 * through (half that if it got through for less than a second).
 *
 * Paced, a 429 delays only its own request by its Retry-After and lowers the pace, at most once
 * per round (answers to requests sent before the last fall are old news): at or below the limit
 * found, the limit was lower; beyond it, the probe failed. After each fall the pace follows
 * CUBIC's curve: back to the limit quickly, slowly near it, then beyond it ever faster.
 */
export class AdaptiveRate {
	/** The limit found, in requests per second; Infinity until the first. */
	private limit = Number.POSITIVE_INFINITY;

	/** Where the curve after the last fall starts, and when (the end of the pause, if any). */
	private start = 0;
	private fellAt = 0;

	/** Until when every request waits: the Retry-After of a 429 while unpaced. */
	pausedUntil = 0;
	private pausedBefore = 0;
	private pauseStartedAt = 0;

	/**
	 * While unpaced, the rate at which the requests that queued during a pause are let go when it
	 * ends: what was getting through before the 429 (at least 10 per second), not all at once.
	 */
	resumeRate: number = PACE.firstGuess;

	/** Recent answers that were 429s, as a moving share. */
	private throttledShare = 0;

	/** Requests started before this belong to the round that last moved the pace. */
	private roundStartedAt = 0;

	/** When the last 429 arrived, and how many requests in flight with it were answered 429. */
	private lastLimitedAt = 0;
	private burstSize = 0;

	/** Since when (on the active clock) the current pace has held. */
	private heldSince: number;
	private readonly answerRate: AnswerRate;

	constructor(now = Date.now()) {
		this.answerRate = new AnswerRate(now);
		this.heldSince = now;
	}

	/** `now` on a clock that stops while every request is paused. */
	private activeClock(now: number): number {
		const pause = Math.min(now, this.pausedUntil) - this.pauseStartedAt;
		return now - this.pausedBefore - Math.max(0, pause);
	}

	/** The pace now, in requests per second (Infinity: unpaced). */
	current(now: number): number {
		if (!Number.isFinite(this.limit)) return this.limit;
		const t = Math.max(0, now - this.fellAt) / 1000;
		const k = Math.cbrt(Math.max(0, 1 - this.start / this.limit) / PACE.cubicC);
		return Math.max(PACE.minRate, this.limit * (1 + PACE.cubicC * (t - k) ** 3));
	}

	/** An attempt that ended without a 429: a success, another failure, even a timeout. */
	answered(now = Date.now()): void {
		this.answerRate.add(this.activeClock(now));
		this.throttledShare -= this.throttledShare * PACE.shareWeight;
	}

	/**
	 * A 429 for a request started at `startedAt`, asking to wait `delayMs`. Returns whether every
	 * request pauses for it; otherwise only that request waits.
	 */
	throttled(startedAt: number, delayMs: number, now = Date.now()): boolean {
		this.throttledShare += (1 - this.throttledShare) * PACE.shareWeight;
		const active = this.activeClock(now);
		const answeredPerSecond = this.answerRate.perSecond(active);
		const paced = Number.isFinite(this.limit);
		const held = active - this.heldSince;
		if (!paced) this.pauseAll(now, delayMs, answeredPerSecond, active);
		// Requests sent before the last 429 arrived were in flight with it: one burst.
		this.burstSize = startedAt <= this.lastLimitedAt ? this.burstSize + 1 : 1;
		this.lastLimitedAt = now;
		if (startedAt < this.roundStartedAt) return !paced;
		const pace = this.current(now);
		const persistent = this.burstSize >= 2 || this.throttledShare >= PACE.persistentShare;
		if (!paced) {
			// A blip costs its pause only.
			if (!persistent) return true;
			// Not below the first guess: so early, what got through may be what was asked, not the limit.
			const share = held < PACE.shortHoldMs ? PACE.shortHoldShare : 1;
			this.fall(Math.max(PACE.firstGuess, answeredPerSecond * share * PACE.margin), PACE.beta, now);
		} else if (pace > this.limit * PACE.probeMargin) {
			// Probing beyond the limit found met a limit: what got through is the new limit.
			this.fall(
				Math.max(this.limit, Math.min(pace, answeredPerSecond) * PACE.margin),
				PACE.probeFail,
				now,
			);
		} else {
			// At or below the limit found, and the node's own pace set the sending: the limit is lower.
			if (!persistent && answeredPerSecond < PACE.binding * pace) return false;
			// Fewer answers than this say little (a ramp-up, a pause): then the pace itself is the measure.
			const measured = this.answerRate.counted(active) >= PACE.minSample ? answeredPerSecond : pace;
			const met = Math.min(pace, measured);
			this.fall(Math.min(this.limit, met) * PACE.margin, PACE.beta, now);
		}
		return !paced;
	}

	/** Every request waits `delayMs`; the clock of what got through stops meanwhile. */
	private pauseAll(now: number, delayMs: number, answeredPerSecond: number, active: number): void {
		if (now >= this.pausedUntil) {
			// The next hold starts when this pause ends, which on the active clock is now.
			this.heldSince = active;
			this.pausedBefore += Math.max(0, this.pausedUntil - this.pauseStartedAt);
			this.pauseStartedAt = now;
			this.resumeRate = Math.max(PACE.firstGuess, answeredPerSecond);
		}
		this.pausedUntil = Math.max(this.pausedUntil, now + delayMs);
	}

	/** The pace restarts at `share` of `limit` once any pause is over; a new round begins. */
	private fall(limit: number, share: number, now: number): void {
		this.limit = Math.max(PACE.minRate, limit > 0 ? limit : PACE.firstGuess);
		this.start = this.limit * share;
		this.fellAt = Math.max(now, this.pausedUntil);
		this.roundStartedAt = this.fellAt;
		// The 429s behind this fall have been acted on: the next fall needs 429s of its own.
		this.throttledShare = 0;
		this.burstSize = 0;
		this.heldSince = this.activeClock(this.fellAt);
	}
}
