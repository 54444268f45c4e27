import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { clip, isPlainObject } from '../shared/values';
import { MAX_JSON_DEPTH, sizeText } from './response';

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

const CONNECTION_PROBLEMS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was closed unexpectedly',
	ENOTFOUND: 'the host name could not be resolved',
	EAI_AGAIN: 'the host name could not be resolved',
	ETIMEDOUT: 'the request timed out',
	ECONNABORTED: 'the request timed out',
	EHOSTUNREACH: 'the host is unreachable',
	// n8n's own spelling: n8n records an execution whose error says "canceled" as canceled, not failed.
	ERR_CANCELED: 'the execution was canceled',
};

/** Why a body that had begun to arrive did not arrive whole. */
function bodyProblem(code: string | undefined): string {
	if (code && /^Z_/.test(code)) return 'it could not be decompressed';
	return (code && CONNECTION_PROBLEMS[code]) ?? 'it broke off';
}

/** What the user reads, for any failure; `notFound` is the caller's words for a 404. */
export function failureMessage(failure: HttpFailure, baseUrl: string, notFound?: string): string {
	const { status } = failure;
	const success = status !== undefined && status >= 200 && status < 300;
	if (failure.body === 'unfinished')
		return `Agilize's answer (HTTP ${status}) did not arrive whole: ${bodyProblem(failure.code)}`;
	if (failure.body === 'tooLarge' && success)
		return `Agilize answered with more than ${sizeText(failure.limit ?? 0)}: check the Base URL`;
	if (failure.body === 'tooDeep' && success) {
		return `Agilize answered HTTP ${status} with JSON nested more than ${MAX_JSON_DEPTH} levels deep: check the Base URL`;
	}
	if (failure.notJsonObject)
		return `Agilize answered HTTP ${status} without a JSON object: check the Base URL`;
	if (failure.redirectTo !== undefined) {
		return `Agilize answered with a redirect (HTTP ${status}) to ${failure.redirectTo}, which this node does not follow: the Base URL is probably wrong`;
	}
	if (status === 401 || status === 403) {
		return `Agilize rejected the API key (HTTP ${status}): check the Agilize API credential`;
	}
	if (status === 404)
		return notFound ?? 'Agilize answered that the resource was not found (HTTP 404)';
	if (status === 429) return 'Agilize is rate limiting requests (HTTP 429): try again later';
	if (status !== undefined && status >= 500)
		return `Agilize answered with a server error (HTTP ${status})`;
	if (status !== undefined) return `Agilize rejected the request (HTTP ${status})`;
	if (failure.refusedByN8n) return failure.refusedByN8n.message;
	const problem =
		(failure.code && CONNECTION_PROBLEMS[failure.code]) ?? failure.reason ?? 'the request failed';
	return `Could not reach Agilize at ${baseUrl}: ${problem}`;
}

/** The API's own words about the failure, or the start of a body that is not the API's. */
function detailOf(failure: HttpFailure): string | undefined {
	const { data, refusedByN8n } = failure;
	if (refusedByN8n) {
		const said = [refusedByN8n.description, refusedByN8n.setting].filter(Boolean).join(' ');
		return said || undefined;
	}
	if (failure.body === 'tooLarge' && typeof data === 'string') {
		const start = clip(data.trim(), 200);
		return `The answer was larger than ${sizeText(failure.limit ?? 0)}${start ? ` and began with: ${start}` : ''}`;
	}
	let parsed = data;
	if (typeof data === 'string') {
		if (!data.trim()) return undefined;
		try {
			parsed = JSON.parse(data) as unknown;
		} catch {
			parsed = undefined;
		}
		if (failure.notJsonObject || !isPlainObject(parsed))
			return `The answer began with: ${clip(data.trim(), 200)}`;
	}
	if (!isPlainObject(parsed))
		return parsed === undefined
			? undefined
			: `The answer was: ${clip(JSON.stringify(parsed) ?? '', 200)}`;
	for (const key of ['message', 'error', 'detail', 'errors']) {
		const value = parsed[key];
		if (typeof value === 'string' && value.trim()) return clip(value.trim(), 500);
		if (value !== undefined && value !== null && typeof value === 'object')
			return clip(JSON.stringify(value), 500);
	}
	return undefined;
}

export const redact = (text: string, secret: string): string =>
	secret ? text.split(secret).join('***') : text;

/** What the caller knows of a failed request that the failure itself does not say. */
export interface FailureContext {
	baseUrl: string;
	/** Replaced by `***` wherever it would appear in the error. */
	apiKey: string;
	/** The operation's words for a 404, naming what was not found. */
	notFound?: string;
	/** Retries made before giving up. */
	retries: number;
	/** Overrides the message derived from the failure. */
	message?: string;
	/** Added to the message: the request may have been acted on (see ApiRequest.unconfirmed). */
	unconfirmed?: string;
}

/**
 * A request that did not succeed, as users read it: message and details built once, from plain
 * data, the key scrubbed. Nothing of the request itself is kept (its headers carry the key).
 */
export class ApiRequestError extends Error {
	/** The API's own words, or what was wrong with the answer, and the retries made. */
	readonly description?: string;

	/** The HTTP status, when there was an answer. */
	readonly status?: number;

	/** Whether Agilize may have acted on the request all the same (a create that may exist). */
	readonly unconfirmed: boolean;

	constructor(
		readonly failure: HttpFailure,
		context: FailureContext,
	) {
		const said = context.message ?? failureMessage(failure, context.baseUrl, context.notFound);
		const message = context.unconfirmed ? `${said}. ${context.unconfirmed}` : said;
		super(redact(message, context.apiKey));
		this.unconfirmed = context.unconfirmed !== undefined;
		this.name = 'ApiRequestError';
		this.status = failure.status;
		const noAnswer = failure.status === undefined || failure.body === 'unfinished';
		const detail = detailOf(failure) ?? (noAnswer ? failure.code : undefined);
		const { retries } = context;
		const gaveUp = retries
			? `Gave up after ${retries} ${retries === 1 ? 'retry' : 'retries'}.`
			: undefined;
		const joined = [detail, gaveUp].filter(Boolean).join(' ');
		this.description = joined ? redact(joined, context.apiKey) : undefined;
	}
}

/** The NodeApiError n8n shows for a failed request of item `itemIndex`. */
export function toNodeApiError(
	error: ApiRequestError,
	node: INode,
	itemIndex: number,
): NodeApiError {
	const { message, description } = error;
	const httpCode = error.status === undefined ? undefined : String(error.status);
	return new NodeApiError(
		node,
		{ message, ...(httpCode ? { httpCode } : {}) },
		{ message, description, httpCode, itemIndex },
	);
}
