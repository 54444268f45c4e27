import { sleep } from 'n8n-workflow';

/** Slowest pace the node falls to, in requests per second. */
const MIN_RATE = 0.5;
/** A 429 after this much steady sending tells the limit well; sooner, only that the pace was far too high. */
const STEADY_MS = 1000;
/** The share of the rate that got through that the node resumes at after a 429. */
const DECREASE_STEADY = 0.9;
const DECREASE_UNSTEADY = 0.5;
/** How fast the pace grows back while requests succeed: per second, at least this, or 0.5 % of the pace. */
const INCREASE_PER_SECOND = 0.2;
const INCREASE_SHARE_PER_SECOND = 0.005;
/** Pace guessed when 429s come before any request got through. */
const FIRST_GUESS = 10;
/** A 429 this soon after resuming from the last one means the limit is real, not a blip. */
const SUSTAINED_MS = 5000;

/**
 * Paces the requests of one node execution: a fixed cap when the user knows the plan's limit
 * (Max Requests per Second), and a pace learned from 429s. Without 429s and without a cap
 * nothing is paced (Max Concurrent Requests bounds the load). A 429 pauses every request of the
 * execution for its Retry-After, then the node resumes at 90 % of the rate that was getting
 * through (50 % if it had sent for less than a second, when the rate says little about the
 * limit) and grows it back slowly — additive increase, multiplicative decrease — so that it
 * runs near the limit without tripping it again and again. Simulated and measured against a
 * token bucket (50/s, burst 10): see the README's Performance section.
 */
export class Pacer {
	/** Adaptive pace in requests per second; Infinity until the first 429. */
	private rate = Number.POSITIVE_INFINITY;

	private grownAt = 0;

	private nextStart = 0;

	private pausedUntil = 0;

	private lastDecrease = 0;

	private measuringSince = Date.now();

	private succeededSince = 0;

	private lastLimitedAt = 0;

	/** `cap`: Max Requests per Second, 0 for none. */
	constructor(private readonly cap = 0) {}

	private pace(now: number): number {
		if (Number.isFinite(this.rate) && now > this.grownAt) {
			this.rate += (Math.max(INCREASE_PER_SECOND, this.rate * INCREASE_SHARE_PER_SECOND) * (now - this.grownAt)) / 1000;
			this.grownAt = now;
		}
		return this.cap > 0 ? Math.min(this.cap, this.rate) : this.rate;
	}

	/**
	 * Resolves when the next request may start, with its start time. Slots are taken in the order
	 * requests ask, `1 / pace` apart, so that requests go out evenly rather than in bursts.
	 */
	async acquire(): Promise<number> {
		for (;;) {
			let now = Date.now();
			if (this.pausedUntil > now) {
				await sleep(this.pausedUntil - now);
				continue;
			}
			const pace = this.pace(now);
			if (!Number.isFinite(pace)) return now;
			const start = Math.max(now, this.nextStart);
			this.nextStart = start + 1000 / pace;
			if (start > now) await sleep(start - now);
			now = Date.now();
			// A 429 came while this request waited for its slot: it waits out the pause too.
			if (this.pausedUntil <= now) return now;
		}
	}

	succeeded(): void {
		this.succeededSince++;
	}

	/**
	 * A 429 for a request started at `startedAt`: everything pauses for `delayMs`. The pace falls
	 * only when 429s keep coming (another one within 5 s of resuming): a single 429 from a flaky
	 * gateway costs its pause and nothing more. It falls at most once a second, and requests sent
	 * before the last fall belong to the burst that caused it.
	 */
	rateLimited(startedAt: number, delayMs: number): void {
		const now = Date.now();
		this.pausedUntil = Math.max(this.pausedUntil, now + delayMs);
		this.nextStart = this.pausedUntil;
		this.grownAt = this.pausedUntil;
		// Requests started before the last 429 belong to the same burst.
		if (startedAt <= this.lastLimitedAt) return;
		const sending = now - this.measuringSince;
		if (this.lastLimitedAt > 0 && sending < SUSTAINED_MS && now - this.lastDecrease >= 1000) {
			const gotThrough = (this.succeededSince * 1000) / Math.max(sending, 1);
			const base = this.succeededSince === 0 ? Math.min(this.rate, FIRST_GUESS / DECREASE_UNSTEADY) : Math.min(this.rate, gotThrough);
			this.rate = Math.max(MIN_RATE, base * (sending >= STEADY_MS ? DECREASE_STEADY : DECREASE_UNSTEADY));
			this.lastDecrease = now;
		}
		this.lastLimitedAt = now;
		this.measuringSince = this.pausedUntil;
		this.succeededSince = 0;
	}
}
