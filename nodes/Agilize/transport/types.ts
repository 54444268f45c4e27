import type { IHttpRequestOptions } from 'n8n-workflow';

/** A response as n8n's request helpers return it in full (`returnFullResponse`), its body a stream. */
export interface FullResponse {
	statusCode: number;
	headers?: unknown;
	body?: unknown;
}

/** One HTTP exchange through n8n: `this.helpers.httpRequest`, or the credential test's helper. */
export type SendHttp = (options: IHttpRequestOptions) => Promise<FullResponse>;

/** Why a request did not succeed, as plain data: nothing of the request (its headers carry the key). */
export interface HttpFailure {
	status?: number;
	/** A network error code when there was no response: ECONNREFUSED, ECONNRESET… */
	code?: string;
	/** The response body, as text or as parsed JSON. */
	data?: unknown;
	retryAfter?: string;
	/** For a 3xx: the origin (or kind of address) its Location points to. */
	redirectTo?: string;
	/** A 2xx whose body is not a JSON object. */
	notJsonObject?: boolean;
	/**
	 * What was wrong with the body itself: larger than the limit (`data` holds its start), JSON
	 * nested too deep, or not received to its end (`code` says why).
	 */
	body?: 'tooLarge' | 'tooDeep' | 'unfinished';
	/** With `body: 'tooLarge'`: the bytes read, the limit. */
	limit?: number;
	/** Without an answer: the error's own words, for a code this package does not know. */
	reason?: string;
	/** n8n refused to send the request (its SSRF protection): n8n's words, and what allows it. */
	refusedByN8n?: { message: string; description?: string; setting?: string };
}
