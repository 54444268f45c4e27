import type { HttpFailure } from './errors';

/** Statuses worth another attempt: rate limiting and gateway trouble. 500 is a bug, not a blip. */
const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'EPIPE']);

const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 10_000;
/** The longest Retry-After this node waits; asked for more, the item fails and says so. */
export const MAX_RETRY_AFTER_MS = 60_000;
/** How many 429s one item may get for its own requests before it fails: they do not count against Max Retries. */
export const MAX_RATE_LIMITED_RETRIES = 20;
/**
 * The longest an item waits for its turns under the pace it shares (Retry-After pauses, Max
 * Requests per Second, the pace learned from 429s) before it fails: at 10 requests per second,
 * a backlog of 3,000 requests. Longer than most webhook callers wait for an answer, on purpose:
 * the update is still worth making after the caller has given up.
 */
export const MAX_WAIT_MS = 5 * 60_000;

export const isTransient = (failure: HttpFailure): boolean =>
	failure.status !== undefined && failure.body !== 'unfinished'
		? TRANSIENT_STATUSES.has(failure.status)
		: failure.code !== undefined && TRANSIENT_CODES.has(failure.code);

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
	if (!value) return undefined;
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter, so that failed items do not retry in lockstep. */
export const backoffDelay = (retry: number, random: () => number = Math.random): number =>
	Math.round(random() * Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** retry));
