/** Slowest rate the node falls to, in requests per second. */
const MIN_RATE = 0.5;
/** A 429 after this much steady sending tells the limit well; sooner, only that the pace was far too high. */
const STEADY_MS = 1000;
/** The share of the rate that got through that the node resumes at after a 429. */
const DECREASE_STEADY = 0.9;
const DECREASE_UNSTEADY = 0.5;
/** How fast the pace grows back while requests succeed: per second, at least this, or 0.5 % of the pace. */
const INCREASE_PER_SECOND = 0.2;
const INCREASE_SHARE_PER_SECOND = 0.005;
/**
 * Near the pace that last tripped the limit (within 10 %), it grows ten times slower: each 429
 * costs a whole Retry-After pause, so the pace lingers below the limit instead of probing it every
 * few seconds. Past that band, the limit has moved and normal growth resumes.
 */
const NEAR_LIMIT_BAND = 0.1;
const NEAR_LIMIT_SLOWDOWN = 10;
/**
 * Pace guessed when 429s come before any request got through, and the least `resumeRate`: a
 * burst's first successes are the gateway's burst allowance, too few to tell its rate.
 */
const FIRST_GUESS = 10;
/** A 429 this soon after resuming from the last one means the limit is real, not a blip. */
const SUSTAINED_MS = 5000;

/**
 * Successes over about the last second, in two one-second buckets (no list of times to grow):
 * what was getting through just before a 429.
 */
class RecentSuccesses {
	private readonly since = Date.now();

	private bucketStart = this.since;

	private current = 0;

	private previous = 0;

	private roll(now: number): void {
		const passed = Math.floor((now - this.bucketStart) / 1000);
		if (passed < 1) return;
		this.previous = passed === 1 ? this.current : 0;
		this.current = 0;
		this.bucketStart += passed * 1000;
	}

	add(now: number): void {
		this.roll(now);
		this.current++;
	}

	perSecond(now: number): number {
		this.roll(now);
		// Younger than a second: what got through so far, over the time it took (at least 0.1 s).
		if (now - this.since < 1000) return this.current / Math.max((now - this.since) / 1000, 0.1);
		return this.current + this.previous * (1 - (now - this.bucketStart) / 1000);
	}
}

/**
 * The pace learned from 429s, and the Retry-After pause. Without 429s nothing is paced (Max
 * Concurrent Requests bounds the load). A 429 pauses every request for its Retry-After; a single
 * one costs its pause and nothing more (a flaky gateway). When 429s keep coming (another within
 * 5 s of resuming), the pace falls to 90 % of the rate that got through (50 % if it had sent for less
 * than a second, when the rate says little about the limit), then grows back slowly, and ten times
 * slower near the pace that tripped the limit — additive increase, multiplicative decrease — so
 * that it runs near the limit without tripping it again and again.
 */
export class AdaptiveRate {
	/** Adaptive pace in requests per second; Infinity until the first 429. */
	private rate = Number.POSITIVE_INFINITY;

	private grownAt = 0;

	/** Until when every request waits: the last Retry-After. */
	pausedUntil = 0;

	/**
	 * While unpaced, the rate at which the requests that queued during a pause are let go when it
	 * ends: what was getting through before the 429 (at least 10 per second), not all at once.
	 */
	resumeRate = FIRST_GUESS;

	private lastDecrease = 0;

	/** The pace at the last fall: where the limit was found. */
	private trippedAt = 0;

	private measuringSince = Date.now();

	private succeededSince = 0;

	private lastLimitedAt = 0;

	private readonly recent = new RecentSuccesses();

	/** The pace now, in requests per second (Infinity: unpaced); it grows back as time passes. */
	current(now: number): number {
		if (Number.isFinite(this.rate) && now > this.grownAt) {
			// The tolerance keeps a fall to exactly 90 % inside the band whatever the rounding.
			const nearLimit =
				Math.abs(this.rate - this.trippedAt) <= this.trippedAt * NEAR_LIMIT_BAND * (1 + 1e-9);
			const growth =
				Math.max(INCREASE_PER_SECOND, this.rate * INCREASE_SHARE_PER_SECOND) /
				(nearLimit ? NEAR_LIMIT_SLOWDOWN : 1);
			this.rate += (growth * (now - this.grownAt)) / 1000;
			this.grownAt = now;
		}
		return this.rate;
	}

	succeeded(): void {
		this.succeededSince++;
		this.recent.add(Date.now());
	}

	/**
	 * A 429 for a request started at `startedAt`: everything pauses for `delayMs`. It falls at
	 * most once a second, and requests sent before the last 429 belong to the burst that caused it.
	 */
	rateLimited(startedAt: number, delayMs: number): void {
		const now = Date.now();
		this.pausedUntil = Math.max(this.pausedUntil, now + delayMs);
		this.grownAt = this.pausedUntil;
		// Requests started before the last 429 belong to the same burst.
		if (startedAt <= this.lastLimitedAt) return;
		const sending = now - this.measuringSince;
		if (!Number.isFinite(this.rate))
			this.resumeRate = Math.max(FIRST_GUESS, this.recent.perSecond(now));
		if (this.lastLimitedAt > 0 && sending < SUSTAINED_MS && now - this.lastDecrease >= 1000) {
			const gotThrough = (this.succeededSince * 1000) / Math.max(sending, 1);
			const base =
				this.succeededSince === 0
					? Math.min(this.rate, FIRST_GUESS / DECREASE_UNSTEADY)
					: Math.min(this.rate, gotThrough);
			// Unpaced, nothing set the pace that tripped the limit: take what got through (or, when
			// nothing did, the first guess) as where it is.
			this.trippedAt = Number.isFinite(this.rate) ? this.rate : base;
			this.rate = Math.max(
				MIN_RATE,
				base * (sending >= STEADY_MS ? DECREASE_STEADY : DECREASE_UNSTEADY),
			);
			this.lastDecrease = now;
		}
		this.lastLimitedAt = now;
		this.measuringSince = this.pausedUntil;
		this.succeededSince = 0;
	}
}
