import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import type { ExecutionContext } from '../context';
import { failureFromError, toNodeApiError, type HttpFailure } from './errors';
import { startAttempt, untilAborted } from './attempt';
import { discardBody } from './body';
import { responseLimit } from './limits';
import { readResponse, type FullResponse } from './response';
import { backoffDelay, isTransient, MAX_RATE_LIMITED_RETRIES, MAX_RETRY_AFTER_MS, MAX_WAIT_MS, parseRetryAfter } from './retry';
import { requestHeaders } from './url';
import { wait } from './wait';

export interface AgilizeRequest {
	method: IHttpRequestMethods;
	/** Path below the Base URL, its variable segments already encoded. */
	path: string;
	body: IDataObject;
	/** What a 404 means for this request, in the caller's words. */
	notFound?: string;
}

/**
 * The one way this package talks to Agilize: n8n's request helper (proxies, cancellation) with
 * the credential's key, read once per execution, in the x-api-key header; redirects never
 * followed; retried on transient failures; every failure translated once, by `toNodeApiError`.
 * Retrying is safe because every request this node sends is a PATCH, which is idempotent:
 * sending the same fields twice leaves the room as sending them once. Waiting for a turn under
 * the shared pace costs no retry; an item gives up on it after MAX_WAIT_MS.
 * Resolves to the response's JSON object, or `undefined` when the body was empty.
 */
export async function agilizeApiRequest(
	this: IExecuteFunctions,
	request: AgilizeRequest,
	context: ExecutionContext,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const url = `${context.baseUrl}${request.path}`;
	const fail = (failure: HttpFailure, retries: number, message?: string) =>
		toNodeApiError(failure, { ...context, itemIndex, notFound: request.notFound, retries, message });
	// The answer is the room: it may repeat what was sent (see responseLimit).
	const limit = responseLimit(Buffer.byteLength(JSON.stringify(request.body)));
	let retries = 0;
	let rateLimited = 0;
	let failure: HttpFailure | undefined;
	const giveUpAt = Date.now() + MAX_WAIT_MS;
	for (;;) {
		const turn = await context.pacer.acquire(context.cancelSignal, giveUpAt);
		if (turn === 'cancelled') throw fail({ code: 'ERR_CANCELED' }, retries + rateLimited);
		if (turn === 'waitedTooLong') {
			const message = `Waited over ${MAX_WAIT_MS / 60_000} minutes for a turn to send to Agilize: the executions using this credential share one pace (Agilize's rate limit, Max Requests per Second)`;
			throw fail(failure ?? {}, retries + rateLimited, message);
		}
		const { startedAt } = turn;
		const attempt = startAttempt(context.timeoutMs, context.cancelSignal);
		try {
			// Full responses whatever the status (n8n 1.x drops the response, and its Retry-After,
			// from the errors it throws), the body as a stream read up to a limit: a 2xx is trusted
			// only once its body is read.
			const response = await untilAborted(
				this.helpers.httpRequest({
					method: request.method,
					url,
					headers: requestHeaders(context.apiKey),
					body: request.body,
					encoding: 'stream',
					timeout: context.timeoutMs,
					disableFollowRedirect: true,
					ignoreHttpStatusErrors: true,
					returnFullResponse: true,
					abortSignal: attempt.signal,
				}) as Promise<FullResponse>,
				attempt.signal,
				(late) => discardBody(late.body),
			);
			const outcome = await readResponse(response, url, limit, attempt.signal);
			if (outcome.ok) {
				context.pacer.succeeded();
				return outcome.body;
			}
			failure = outcome.failure;
		} catch (error) {
			failure = failureFromError(error);
		} finally {
			attempt.end();
		}
		// Whatever the error looked like, an attempt cut by its Timeout timed out.
		if (attempt.timedOut()) failure = { ...failure, code: 'ETIMEDOUT' };
		else if (context.cancelSignal?.aborted) failure = { ...failure, code: 'ERR_CANCELED' };

		const made = retries + rateLimited;
		if (context.cancelSignal?.aborted || !isTransient(failure) || context.maxRetries === 0) throw fail(failure, made);
		const asked = parseRetryAfter(failure.retryAfter, Date.now());
		if (asked !== undefined && asked > MAX_RETRY_AFTER_MS) {
			const message = `Agilize asked to wait ${Math.ceil(asked / 1000)} s before retrying (HTTP ${failure.status}), longer than the ${MAX_RETRY_AFTER_MS / 1000} s this node waits`;
			throw fail(failure, made, message);
		}
		// A 429 is the pace, not a fault of the item: it does not use up Max Retries (up to a bound).
		if (failure.status === 429 && rateLimited < MAX_RATE_LIMITED_RETRIES) {
			context.pacer.rateLimited(startedAt, asked ?? backoffDelay(rateLimited));
			rateLimited++;
			continue;
		}
		if (retries >= context.maxRetries) throw fail(failure, made);
		await wait(asked ?? backoffDelay(retries), context.cancelSignal);
		retries++;
	}
}
