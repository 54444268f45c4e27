import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { startAttempt, untilAborted, wait } from './attempt';
import { requestHeaders, urlOf, type Sender } from './connection';
import { ApiRequestError, failureFromError, isTransient, mayHaveActed } from './errors';
import { discardBody, readResponse, responseLimit } from './response';
import type { HttpFailure } from './types';

/** One request to the Agilize API, as an operation makes it. */
export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the Base URL, its variable segments encoded with `pathSegment`. */
	path: string;
	/** Sent as JSON. */
	body?: IDataObject;
	/**
	 * Whether sending it twice leaves things as sending it once (GET, PUT, PATCH): only then are
	 * timeouts, dropped connections and gateway errors retried. A 429 means the request was not
	 * taken, so it is retried either way.
	 */
	idempotent: boolean;
	/** What a 404 means for this request, in the operation's words. */
	notFound?: string;
	/**
	 * For a request that is not idempotent: what to tell the user when it may have reached Agilize
	 * but no answer says what Agilize did (a timeout, a connection lost after sending, a 5xx), in
	 * the operation's words: that the record may exist, and how to check.
	 */
	unconfirmed?: string;
}

/**
 * What happened on a request's way, for the execution's hints and n8n's debug log: numbers and
 * statuses only, never the key or a body.
 */
export interface RequestEvents {
	/** Waited `ms` for a turn under the rate limiter. */
	waited(ms: number): void;
	/** A 429 asked to wait `waitMs`: every request paused, or this one alone; the pace after it. */
	rateLimited(waitMs: number, pausedAll: boolean, pacePerSecond: number): void;
	/** Another attempt after `failure`, in `waitMs`. */
	retrying(failure: HttpFailure, waitMs: number): void;
}

const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 10_000;
/** The longest Retry-After waited for; asked for more, the request fails and says so. */
const MAX_RETRY_AFTER_MS = 60_000;
/** How many 429s one request may get before it fails: they do not count against Max Retries. */
const MAX_RATE_LIMITED_RETRIES = 20;
/**
 * The longest a request waits for its turns under the rate limiter it shares (Retry-After
 * pauses, Max Requests per Second, the rate learned from 429s) before it fails: at 10 requests
 * per second, a backlog of 3,000 requests. Longer than most webhook callers wait for an answer,
 * on purpose: the update is still worth making after the caller has given up.
 */
const MAX_WAIT_MS = 5 * 60_000;

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
	if (!value) return undefined;
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter, so that failed requests do not retry in lockstep. */
export const backoffDelay = (retry: number, random: () => number = Math.random): number =>
	Math.round(random() * Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** retry));

/**
 * The one way this package talks to Agilize: n8n's request helper (proxies, cancellation) with
 * the key in the x-api-key header, redirects never followed, each attempt bounded by the Timeout
 * and its answer by a size limit; retried on transient failures (see `idempotent`), with
 * backoff and Retry-After. Waiting for a turn under the rate limiter costs no retry; a request
 * gives up on it after MAX_WAIT_MS. Resolves to the answer's JSON object, or `undefined` for an
 * empty answer; rejects with an ApiRequestError.
 */
export async function sendRequest(
	request: ApiRequest,
	sender: Sender,
	events?: RequestEvents,
): Promise<IDataObject | undefined> {
	const { baseUrl, apiKey, rateLimiter, cancelSignal, maxRetries } = sender;
	const url = urlOf(baseUrl, request.path);
	const { notFound } = request;
	/** `sent`: whether this failure's request went out (not so while waiting for a turn). */
	const fail = (failure: HttpFailure, retries: number, message?: string, sent = true) => {
		const unconfirmed =
			sent && !request.idempotent && mayHaveActed(failure) ? request.unconfirmed : undefined;
		return new ApiRequestError(failure, {
			baseUrl,
			apiKey,
			notFound,
			retries,
			message,
			unconfirmed,
		});
	};
	// Serialised once: its size sets the answer's limit, and these bytes are sent.
	const json = request.body ? JSON.stringify(request.body) : undefined;
	const limit = responseLimit(json === undefined ? 0 : Buffer.byteLength(json));
	let retries = 0;
	let throttledAttempts = 0;
	let failure: HttpFailure | undefined;
	const giveUpAt = Date.now() + MAX_WAIT_MS;
	for (;;) {
		const askedAt = Date.now();
		const turn = rateLimiter
			? await rateLimiter.acquire(cancelSignal, giveUpAt)
			: { startedAt: askedAt };
		if (typeof turn === 'object' && turn.startedAt > askedAt)
			events?.waited(turn.startedAt - askedAt);
		if (turn === 'cancelled')
			throw fail({ code: 'ERR_CANCELED' }, retries + throttledAttempts, undefined, false);
		if (turn === 'waitedTooLong') {
			const message = `Waited over ${MAX_WAIT_MS / 60_000} minutes for a turn to send to Agilize: the executions using this credential share one pace (Agilize's rate limit, Max Requests per Second)`;
			throw fail(failure ?? {}, retries + throttledAttempts, message, false);
		}
		const attempt = startAttempt(sender.timeoutMs, cancelSignal);
		try {
			// Full responses whatever the status (n8n 1.x drops the response, and its Retry-After,
			// from the errors it throws), the body as a stream read up to a limit: a 2xx is trusted
			// only once its body is read.
			const response = await untilAborted(
				sender.send({
					method: request.method,
					url,
					headers: requestHeaders(apiKey, json !== undefined),
					...(json === undefined ? {} : { body: json }),
					encoding: 'stream',
					timeout: sender.timeoutMs,
					disableFollowRedirect: true,
					ignoreHttpStatusErrors: true,
					returnFullResponse: true,
					abortSignal: attempt.signal,
				}),
				attempt.signal,
				(late) => discardBody(late.body),
			);
			const outcome = await readResponse(response, url, limit, attempt.signal);
			if (outcome.ok) {
				rateLimiter?.answered();
				return outcome.body;
			}
			failure = outcome.failure;
		} catch (error) {
			failure = failureFromError(error);
		} finally {
			attempt.end();
		}
		// A failure other than a 429 still got past Agilize's rate limit.
		if (failure.status !== 429) rateLimiter?.answered();
		// Whatever the error looked like, an attempt cut by its Timeout timed out.
		if (attempt.timedOut()) failure = { ...failure, code: 'ETIMEDOUT' };
		else if (cancelSignal?.aborted) failure = { ...failure, code: 'ERR_CANCELED' };

		const made = retries + throttledAttempts;
		const mayRetry = isTransient(failure) && (request.idempotent || failure.status === 429);
		if (cancelSignal?.aborted || !mayRetry || maxRetries === 0) throw fail(failure, made);
		const asked = parseRetryAfter(failure.retryAfter, Date.now());
		if (asked !== undefined && asked > MAX_RETRY_AFTER_MS) {
			const message = `Agilize asked to wait ${Math.ceil(asked / 1000)} s before retrying (HTTP ${failure.status}), longer than the ${MAX_RETRY_AFTER_MS / 1000} s this node waits`;
			throw fail(failure, made, message);
		}
		// A 429 is the pace, not a fault of the request: it does not use up Max Retries (up to a bound).
		if (failure.status === 429 && throttledAttempts < MAX_RATE_LIMITED_RETRIES) {
			const delay = asked ?? backoffDelay(throttledAttempts);
			const pausedAll = rateLimiter?.throttled(turn.startedAt, delay) ?? false;
			events?.rateLimited(delay, pausedAll, rateLimiter?.pace() ?? Number.POSITIVE_INFINITY);
			if (!pausedAll) await wait(delay, cancelSignal);
			throttledAttempts++;
			continue;
		}
		if (retries >= maxRetries) throw fail(failure, made);
		const delay = asked ?? backoffDelay(retries);
		events?.retrying(failure, delay);
		await wait(delay, cancelSignal);
		retries++;
	}
}
