import type { ICredentialsDecrypted, IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import {
	failureFromError,
	failureFromResponse,
	toNodeApiError,
	type HttpFailure,
	type RequestContext,
} from './errors';
import {
	backoffDelay,
	isTransient,
	MAX_RETRY_AFTER_MS,
	parseRetryAfter,
	type RateLimitGate,
	type RetryPolicy,
} from './retry';

export const CREDENTIAL_TYPE = 'agilizeApi';

export interface AgilizeRequest {
	method: IHttpRequestMethods;
	/** Path below the Base URL, its variable segments already encoded. */
	path: string;
	body: IDataObject;
}

interface FullResponse {
	statusCode: number;
	headers?: unknown;
	body?: unknown;
}

export interface TransportContext extends RequestContext {
	retry: RetryPolicy;
	gate: RateLimitGate;
	credentials: ICredentialsDecrypted;
}

/**
 * The one way this package talks to Agilize: n8n's authenticated request helper (proxies, the
 * credential's x-api-key header, cancellation), retried on transient failures, with failures
 * translated by `toNodeApiError`. Retrying is safe because every request this node sends is a
 * PATCH, which is idempotent: sending the same fields twice leaves the room as sending them once.
 */
export async function agilizeApiRequest(
	this: IExecuteFunctions,
	request: AgilizeRequest,
	context: TransportContext,
): Promise<unknown> {
	for (let retries = 0; ; retries++) {
		await context.gate.wait();
		let failure: HttpFailure;
		try {
			// Full responses whatever the status: n8n 1.x drops the response (and its Retry-After)
			// from the errors it throws, so statuses are read here, the same on both majors.
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				{
					method: request.method,
					url: `${context.baseUrl}${request.path}`,
					headers: { Accept: 'application/json' },
					body: request.body,
					json: true,
					timeout: context.retry.timeoutMs,
					ignoreHttpStatusErrors: true,
					returnFullResponse: true,
				},
				// Decrypting the credential costs a database read in n8n: once per execution is enough.
				{ credentialsDecrypted: context.credentials },
			)) as FullResponse;
			if (response.statusCode >= 200 && response.statusCode < 300) return response.body;
			failure = failureFromResponse(response);
		} catch (error) {
			failure = failureFromError(error);
		}

		const cancelled = this.getExecutionCancelSignal?.()?.aborted === true;
		if (cancelled || !isTransient(failure) || retries >= context.retry.maxRetries) {
			throw toNodeApiError(failure, context, { made: retries });
		}
		const asked = parseRetryAfter(failure.retryAfter, Date.now());
		if (asked !== undefined && asked > MAX_RETRY_AFTER_MS) {
			const message = `Agilize asked to wait ${Math.ceil(asked / 1000)} s before retrying (HTTP ${failure.status}), longer than the ${MAX_RETRY_AFTER_MS / 1000} s this node waits`;
			throw toNodeApiError(failure, context, { made: retries, message });
		}
		const delay = asked ?? backoffDelay(retries);
		if (failure.status === 429) {
			context.gate.pause(delay);
		} else {
			await sleep(delay);
		}
	}
}
