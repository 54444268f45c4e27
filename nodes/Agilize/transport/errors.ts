import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isPlainObject } from '../fields/coerce';

export interface HttpFailure {
	status?: number;
	code?: string;
	data?: unknown;
	message?: string;
	retryAfter?: string;
}

/** A response with a status that is not 2xx, as the request helper returns it in full. */
export function failureFromResponse(response: { statusCode: number; headers?: unknown; body?: unknown }): HttpFailure {
	const headers = isPlainObject(response.headers) ? response.headers : {};
	const retryAfter = headers['retry-after'];
	return {
		status: response.statusCode,
		data: response.body,
		retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
	};
}

/**
 * Where n8n 1.x replaced the error's message by its own text for a code (NodeError's
 * COMMON_ERRORS) and kept only Axios's words, these tell the code again.
 */
const N8N_1_PHRASES: Array<[RegExp, string]> = [
	[/socket hang up|closed unexpectedly/i, 'ECONNRESET'],
	[/timeout of \d+ms exceeded|timed out/i, 'ECONNABORTED'],
	[/refused the connection/i, 'ECONNREFUSED'],
	[/incorrect host/i, 'ENOTFOUND'],
	[/connection was aborted/i, 'ECONNABORTED'],
	[/host is unreachable/i, 'EHOSTUNREACH'],
	[/DNS server returned an error/i, 'EAI_AGAIN'],
];

const ERROR_CODE = /\b(E[A-Z]{3,}[A-Z_]*|ERR_[A-Z_]+)\b/;

/**
 * A request that got no response: connection refused or reset, timeout, cancellation. n8n 2.x
 * keeps the Axios error as `cause`; n8n 1.x drops it and keeps only its message among
 * `messages`, so the code is also read from the texts.
 */
export function failureFromError(error: unknown): HttpFailure {
	const outer = (isPlainObject(error) || error instanceof Error ? error : {}) as JsonObject;
	const cause = (isPlainObject(outer.cause) ? outer.cause : {}) as JsonObject;
	const texts = [cause.code, outer.code, cause.message, outer.message, ...(Array.isArray(outer.messages) ? outer.messages : [])]
		.filter((text): text is string => typeof text === 'string');
	const code =
		texts.map((text) => ERROR_CODE.exec(text)?.[1]).find(Boolean) ??
		N8N_1_PHRASES.find(([phrase]) => texts.some((text) => phrase.test(text)))?.[1];
	return { code };
}

/** The API's own words about the failure, when its body carries any. */
function apiDetail(data: unknown): string | undefined {
	if (typeof data === 'string') return data.trim().slice(0, 500) || undefined;
	if (!isPlainObject(data)) return undefined;
	for (const key of ['message', 'error', 'detail', 'errors']) {
		const value = data[key];
		if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 500);
		if (value !== undefined && value !== null && typeof value === 'object') {
			return JSON.stringify(value).slice(0, 500);
		}
	}
	return undefined;
}

const CONNECTION_PROBLEMS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was closed unexpectedly',
	ENOTFOUND: 'the host name could not be resolved',
	EAI_AGAIN: 'the host name could not be resolved',
	ETIMEDOUT: 'the request timed out',
	ECONNABORTED: 'the request timed out',
	EHOSTUNREACH: 'the host is unreachable',
};

export interface RequestContext {
	node: INode;
	itemIndex: number;
	baseUrl: string;
	roomId?: string;
	/** Replaced by `***` wherever it would appear in the error. */
	secret?: string;
}

function messageFor(failure: HttpFailure, context: RequestContext): string {
	const { status } = failure;
	if (status === 401 || status === 403) {
		return `Agilize rejected the API key (HTTP ${status}): check the Agilize API credential`;
	}
	if (status === 404) {
		return context.roomId === undefined
			? 'Agilize answered that the resource was not found (HTTP 404)'
			: `Chat room "${context.roomId}" was not found (HTTP 404)`;
	}
	if (status === 429) return 'Agilize is rate limiting requests (HTTP 429): try again later';
	if (status !== undefined && status >= 500) return `Agilize answered with a server error (HTTP ${status})`;
	if (status !== undefined) return `Agilize rejected the request (HTTP ${status})`;
	const problem = (failure.code && CONNECTION_PROBLEMS[failure.code]) ?? 'the request failed';
	return `Could not reach Agilize at ${context.baseUrl}: ${problem}`;
}

function redact(text: string | undefined, secret: string | undefined): string | undefined {
	if (text === undefined || !secret) return text;
	return text.split(secret).join('***');
}

/**
 * A NodeApiError a user can act on, built from plain data so that nothing of the request (its
 * headers carry the API key) travels with it.
 */
export function toNodeApiError(
	failure: HttpFailure,
	context: RequestContext,
	retries?: { made: number; message?: string },
): NodeApiError {
	const message = redact(retries?.message ?? messageFor(failure, context), context.secret) as string;
	const detail = apiDetail(failure.data) ?? (failure.status === undefined ? failure.code : undefined);
	const gaveUp = retries?.made ? `Gave up after ${retries.made} ${retries.made === 1 ? 'retry' : 'retries'}.` : undefined;
	const description = redact([detail, gaveUp].filter(Boolean).join(' ') || undefined, context.secret);
	const httpCode = failure.status === undefined ? undefined : String(failure.status);
	return new NodeApiError(
		context.node,
		{ message, ...(httpCode ? { httpCode } : {}) },
		{ message, description, httpCode, itemIndex: context.itemIndex },
	);
}
