import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { ExecutionContext } from '../context';
import { failureFromError, toNodeApiError, type HttpFailure } from './errors';
import { readResponse, type FullResponse } from './response';
import { backoffDelay, isTransient, MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry';
import { requestHeaders } from './url';

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
 * sending the same fields twice leaves the room as sending them once.
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
	for (let retries = 0; ; retries++) {
		await context.gate.wait();
		let failure: HttpFailure;
		try {
			// Full responses whatever the status, as text: n8n 1.x drops the response (and its
			// Retry-After) from the errors it throws, and a 2xx is trusted only once its body is read.
			const response = (await this.helpers.httpRequest({
				method: request.method,
				url,
				headers: requestHeaders(context.apiKey),
				body: request.body,
				encoding: 'text',
				timeout: context.timeoutMs,
				disableFollowRedirect: true,
				ignoreHttpStatusErrors: true,
				returnFullResponse: true,
				...(context.cancelSignal ? { abortSignal: context.cancelSignal } : {}),
			})) as FullResponse;
			const outcome = readResponse(response, url);
			if (outcome.ok) return outcome.body;
			failure = outcome.failure;
		} catch (error) {
			failure = failureFromError(error);
		}

		if (context.cancelSignal?.aborted || !isTransient(failure) || retries >= context.maxRetries) {
			throw fail(failure, retries);
		}
		const asked = parseRetryAfter(failure.retryAfter, Date.now());
		if (asked !== undefined && asked > MAX_RETRY_AFTER_MS) {
			const message = `Agilize asked to wait ${Math.ceil(asked / 1000)} s before retrying (HTTP ${failure.status}), longer than the ${MAX_RETRY_AFTER_MS / 1000} s this node waits`;
			throw fail(failure, retries, message);
		}
		const delay = asked ?? backoffDelay(retries);
		if (failure.status === 429) {
			context.gate.pause(delay);
		} else {
			await sleep(delay);
		}
	}
}
