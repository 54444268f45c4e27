import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { clip, isPlainObject } from '../shared/values';
import { MAX_JSON_DEPTH, sizeText } from './response';
import type { HttpFailure } from './types';

/**
 * What a failure is, decided here and nowhere else: whether it is worth another attempt, whether
 * Agilize may have acted on the request, and how the item's error, the execution hint and the
 * debug log name it.
 */

/** What this package knows of a network error code. */
interface ErrorCode {
	/** How the item's error says it: "Could not reach Agilize at …: <problem>". */
	problem?: string;
	/** How the execution hint counts it, when not by the code itself. */
	hint?: string;
	/** A blip worth another attempt of an idempotent request. */
	transient?: boolean;
	/** No connection was made, so nothing reached Agilize. */
	notConnected?: boolean;
	/**
	 * Where n8n 1.x replaced the error's message by its own text for the code (NodeError's
	 * COMMON_ERRORS) and kept only Axios's words: the words that tell the code again.
	 */
	n8n1Words?: RegExp;
}

/** The one table of error codes; n8n 1.x's words are tried in this order. */
const ERROR_CODES: Record<string, ErrorCode> = {
	ECONNRESET: {
		problem: 'the connection was closed unexpectedly',
		hint: 'connection closed',
		transient: true,
		n8n1Words: /socket hang up|closed unexpectedly/i,
	},
	ECONNABORTED: {
		problem: 'the request timed out',
		hint: 'timed out',
		transient: true,
		n8n1Words: /timeout of \d+ms exceeded|timed out|connection was aborted/i,
	},
	ECONNREFUSED: {
		problem: 'the connection was refused',
		notConnected: true,
		n8n1Words: /refused the connection/i,
	},
	ENOTFOUND: {
		problem: 'the host name could not be resolved',
		notConnected: true,
		n8n1Words: /incorrect host/i,
	},
	EHOSTUNREACH: {
		problem: 'the host is unreachable',
		notConnected: true,
		n8n1Words: /host is unreachable/i,
	},
	EAI_AGAIN: {
		problem: 'the host name could not be resolved',
		notConnected: true,
		n8n1Words: /DNS server returned an error/i,
	},
	ETIMEDOUT: { problem: 'the request timed out', hint: 'timed out', transient: true },
	ESOCKETTIMEDOUT: { transient: true },
	EPIPE: { transient: true },
	// n8n's own spelling: n8n records an execution whose error says "canceled" as canceled, not failed.
	ERR_CANCELED: { problem: 'the execution was canceled' },
};

const codeOf = (code: string | undefined): ErrorCode | undefined =>
	code !== undefined && Object.prototype.hasOwnProperty.call(ERROR_CODES, code)
		? ERROR_CODES[code]
		: undefined;

/** Statuses worth another attempt: rate limiting and gateway trouble. 500 is a bug, not a blip. */
const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);

/** Whether another attempt may mend the failure (of a request that may be sent twice). */
export const isTransient = (failure: HttpFailure): boolean =>
	failure.status !== undefined && failure.body !== 'unfinished'
		? TRANSIENT_STATUSES.has(failure.status)
		: codeOf(failure.code)?.transient === true;

/**
 * Whether Agilize may have acted on a request that failed so: it may have received it, and no
 * answer says it refused it. No connection, n8n's refusal to send, a redirect, a 429 or another
 * 4xx mean it did not; a 2xx whose body did not arrive means it did.
 */
export function mayHaveActed(failure: HttpFailure): boolean {
	if (failure.refusedByN8n) return false;
	const { status } = failure;
	if (status !== undefined) return (status >= 200 && status < 300) || status >= 500;
	return codeOf(failure.code)?.notConnected !== true;
}

/** The failure as the debug log names it: its status, or its code. */
export const failureLabel = (failure: HttpFailure): string =>
	failure.status ? `HTTP ${failure.status}` : (failure.code ?? 'a failure');

/** The failure as the execution hint counts it. */
export function failureKind(failure: HttpFailure): string {
	const { status } = failure;
	if (status === 404) return 'not found (HTTP 404)';
	if (status !== undefined) return `HTTP ${status}`;
	if (failure.refusedByN8n) return 'refused by n8n';
	return codeOf(failure.code)?.hint ?? failure.code ?? 'could not reach Agilize';
}

/** What an AI agent should change after the failure; `notFoundAdvice` is the operation's for a 404. */
export function nextStepAfter(error: ApiRequestError, notFoundAdvice: string): string {
	const { status } = error;
	if (error.unconfirmed) {
		return 'Agilize may have created it already: do not call the tool again for it; tell the user to check in Agilize.';
	}
	if (status === 404) return notFoundAdvice;
	if (status === 401 || status === 403) {
		return 'The Agilize API credential was refused; changing the arguments will not help: tell the user.';
	}
	if (status === undefined || status === 429 || status >= 500) {
		return 'Agilize is busy or unreachable: try again later.';
	}
	return 'Agilize refused the values: check them against the field descriptions and call the tool again.';
}

const ERROR_CODE = /\b(E[A-Z]{3,}[A-Z_]*|ERR_[A-Z_]+)\b/;

/** How n8n's network layer marks an error that retrying cannot mend (n8n 2.x). */
const NON_RETRYABLE = Symbol.for('n8n.backend-network.non-retryable-error');

/** What allows a request n8n's SSRF protection refused, by the error n8n threw. */
const SSRF_SETTINGS: Record<string, string> = {
	SsrfBlockedIpError:
		'To allow it, set N8N_SSRF_ALLOWED_IP_RANGES (for example 127.0.0.0/8 or 10.0.0.0/8) on every n8n process.',
	SsrfBlockedHostnameError:
		'To allow it, remove the host from N8N_SSRF_BLOCKED_HOSTNAMES or add it to N8N_SSRF_ALLOWED_HOSTNAMES on every n8n process.',
};

/** An error and those it wraps (`cause`), outermost first, a few deep. */
function chainOf(error: unknown): JsonObject[] {
	const chain: JsonObject[] = [];
	for (let link = error; chain.length < 5 && (isPlainObject(link) || link instanceof Error); ) {
		chain.push(link as JsonObject);
		link = (link as { cause?: unknown }).cause;
	}
	return chain;
}

/** n8n's own refusal to send, found anywhere in the chain. */
function refusalIn(chain: JsonObject[]): HttpFailure['refusedByN8n'] {
	const refused = chain.find(
		(link) =>
			(link as { [NON_RETRYABLE]?: unknown })[NON_RETRYABLE] === true ||
			/^Ssrf/.test(String(link.name ?? '')),
	);
	if (!refused || typeof refused.message !== 'string') return undefined;
	const description = typeof refused.description === 'string' ? refused.description : undefined;
	return { message: refused.message, description, setting: SSRF_SETTINGS[String(refused.name)] };
}

/** The code n8n 1.x's words tell, in the table's order. */
const codeFromWords = (texts: string[]): string | undefined =>
	Object.keys(ERROR_CODES).find((code) => {
		const words = ERROR_CODES[code].n8n1Words;
		return words !== undefined && texts.some((text) => words.test(text));
	});

/**
 * A request that got no response: connection refused or reset, timeout, cancellation, or n8n
 * refusing to send it. n8n 2.x keeps the Axios error as `cause`; n8n 1.x drops it and keeps only
 * its message among `messages`, so the code is also read from the texts.
 */
export function failureFromError(error: unknown): HttpFailure {
	const chain = chainOf(error);
	const refusedByN8n = refusalIn(chain);
	if (refusedByN8n) return { refusedByN8n };
	const [outer = {}, cause = {}] = chain;
	const texts = [
		cause.code,
		outer.code,
		cause.message,
		outer.message,
		...(Array.isArray(outer.messages) ? outer.messages : []),
	].filter((text): text is string => typeof text === 'string');
	const code =
		texts.map((text) => ERROR_CODE.exec(text)?.[1]).find(Boolean) ?? codeFromWords(texts);
	const message = [cause.message, outer.message].find(
		(text): text is string => typeof text === 'string' && text.trim() !== '',
	);
	return { code, ...(message ? { reason: clip(message.trim(), 200) } : {}) };
}

/** Why a body that had begun to arrive did not arrive whole. */
function bodyProblem(code: string | undefined): string {
	if (code && /^Z_/.test(code)) return 'it could not be decompressed';
	return codeOf(code)?.problem ?? 'it broke off';
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
	const problem = codeOf(failure.code)?.problem ?? failure.reason ?? 'the request failed';
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

const redact = (text: string, secret: string): string =>
	secret ? text.split(secret).join('***') : text;

/** What the caller knows of a failed request that the failure itself does not say. */
interface FailureContext {
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
