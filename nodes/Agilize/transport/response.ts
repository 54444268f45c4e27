import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../shared/values';
import type { FullResponse, HttpFailure } from './types';

/**
 * Bounds on what is accepted from a server. Agilize answers with JSON objects of a few kilobytes;
 * a larger or deeper answer comes from a wrong Base URL, a broken proxy or a hostile host, and is
 * refused rather than held in n8n's memory and database.
 */
const MB = 1024 * 1024;
const BASE_RESPONSE_BYTES = 2 * MB;
/**
 * An answer may repeat what the request sent (an updated record does), its text escaped anew (a
 * two-byte character becomes a six-byte `\uXXXX`): a request's own large texts never make the
 * answer to it "too large".
 */
const ECHO_FACTOR = 4;

/** The most decompressed bytes read of the answer to a request whose JSON body has `requestBytes` bytes. */
export const responseLimit = (requestBytes = 0): number =>
	BASE_RESPONSE_BYTES + ECHO_FACTOR * requestBytes;

/** A limit as users read it: "2 MB", "6.5 MB". */
export const sizeText = (bytes: number): string => `${Number((bytes / MB).toFixed(1))} MB`;

/** JSON nested deeper than this is no API's answer: recursive code (n8n's own included) could overflow on it. */
export const MAX_JSON_DEPTH = 1000;

/** A response body as n8n's helpers hand it over with `encoding: 'stream'` (or `useStream`). */
interface BodyStream {
	on(event: string, listener: (...args: unknown[]) => void): unknown;
	removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
	destroy(error?: Error): unknown;
}

const isBodyStream = (body: unknown): body is BodyStream =>
	typeof body === 'object' &&
	body !== null &&
	typeof (body as BodyStream).on === 'function' &&
	typeof (body as BodyStream).destroy === 'function';

const ignore = () => undefined;

/** Why a body could not be read to its end; `code` as Node or zlib names it (ECONNRESET, Z_DATA_ERROR…). */
class BodyReadError extends Error {
	constructor(readonly code: string | undefined) {
		super(`the body could not be read${code ? ` (${code})` : ''}`);
	}
}

/** Stops reading a body nobody will use (a redirect's, a late answer's), so that its connection is closed. */
export function discardBody(body: unknown): void {
	if (isBodyStream(body)) body.destroy();
}

/**
 * The body as text, read as it arrives up to `limit` decompressed bytes: past that the stream is
 * destroyed (and with it the connection) and the text read so far is kept. When `signal` aborts
 * (the attempt's Timeout, or cancellation) reading stops at once. Text or bytes handed over
 * whole, as a helper may do, are measured the same way.
 */
async function readBodyText(
	body: unknown,
	limit: number,
	signal?: AbortSignal,
): Promise<{ text: string; tooLarge: boolean }> {
	if (body === undefined || body === null) return { text: '', tooLarge: false };
	if (!isBodyStream(body)) {
		const bytes = Buffer.isBuffer(body) ? body : Buffer.from(String(body), 'utf8');
		return { text: bytes.subarray(0, limit).toString('utf8'), tooLarge: bytes.length > limit };
	}
	return await new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const text = () => Buffer.concat(chunks).toString('utf8');
		const settle = (finish: () => void) => {
			body.removeListener('data', onData);
			body.removeListener('end', onEnd);
			body.removeListener('error', onError);
			body.removeListener('close', onClose);
			signal?.removeEventListener('abort', onAbort);
			// Whatever the stream reports once this read is over is no one's concern, and an
			// unheard 'error' would crash the process.
			body.on('error', ignore);
			finish();
		};
		const onData = (chunk: unknown) => {
			const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), 'utf8');
			if (size + bytes.length > limit) {
				chunks.push(bytes.subarray(0, limit - size));
				body.destroy();
				settle(() => resolve({ text: text(), tooLarge: true }));
				return;
			}
			chunks.push(bytes);
			size += bytes.length;
		};
		const onEnd = () => settle(() => resolve({ text: text(), tooLarge: false }));
		const onError = (error: unknown) => {
			const code = (error as { code?: unknown } | undefined)?.code;
			settle(() => reject(new BodyReadError(typeof code === 'string' ? code : undefined)));
		};
		// A connection closed before the end, without an error of its own.
		const onClose = () => settle(() => reject(new BodyReadError('ECONNRESET')));
		const onAbort = () => {
			body.destroy();
			settle(() => reject(new BodyReadError('ABORT_ERR')));
		};
		if (signal?.aborted) return onAbort();
		body.on('data', onData);
		body.on('end', onEnd);
		body.on('error', onError);
		body.on('close', onClose);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

/**
 * Whether JSON text nests objects and lists deeper than `MAX_JSON_DEPTH`: counted over the text,
 * without recursion, before anything parses it or walks what was parsed.
 */
export function isTooDeep(text: string): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const char = text.charCodeAt(i);
		if (inString) {
			if (char === 0x5c)
				i++; // a backslash escapes the next character
			else if (char === 0x22) inString = false;
		} else if (char === 0x22) inString = true;
		else if (char === 0x7b || char === 0x5b) {
			if (++depth > MAX_JSON_DEPTH) return true;
		} else if (char === 0x7d || char === 0x5d) depth--;
	}
	return false;
}

/** The JSON object a body holds, `undefined` for an empty body, or `null` for anything else. */
function jsonObjectOf(text: string): IDataObject | undefined | null {
	if (text.trim() === '') return undefined;
	try {
		const value = JSON.parse(text) as unknown;
		return isPlainObject(value) ? value : null;
	} catch {
		return null;
	}
}

/** Whether body text is a JSON object (or empty), not nested too deep. */
export const isJsonObjectText = (text: string): boolean =>
	!isTooDeep(text) && jsonObjectOf(text) !== null;

/** A header of the response; n8n hands them over as AxiosHeaders, keyed in lower case. */
function header(headers: unknown, name: string): string | undefined {
	const value =
		typeof headers === 'object' && headers !== null
			? (headers as Record<string, unknown>)[name]
			: undefined;
	return typeof value === 'string' ? value : undefined;
}

/** The origin a redirect points to: never its path or query, which may carry anything. */
function redirectTarget(location: string | undefined, requestUrl: string): string {
	if (!location) return 'no location';
	try {
		const { origin, protocol } = new URL(location, requestUrl);
		return origin === 'null' ? `a ${protocol} address` : origin;
	} catch {
		return 'an invalid location';
	}
}

export type Outcome = { ok: true; body?: IDataObject } | { ok: false; failure: HttpFailure };

/**
 * What a response means: success only for a 2xx whose body is a JSON object or empty (a website
 * or login page at a wrong Base URL also answers 200), within the size and depth limits; a 3xx is
 * never followed, since the API key header would go with it to wherever the server points. The
 * body is read as it arrives, never past `limit`, and stops with `signal`.
 */
export async function readResponse(
	response: FullResponse,
	requestUrl: string,
	limit: number,
	signal?: AbortSignal,
): Promise<Outcome> {
	const status = response.statusCode;
	if (status >= 300 && status < 400) {
		discardBody(response.body);
		const redirectTo = redirectTarget(header(response.headers, 'location'), requestUrl);
		return { ok: false, failure: { status, redirectTo } };
	}
	const retryAfter = header(response.headers, 'retry-after');
	let text: string;
	let tooLarge: boolean;
	try {
		({ text, tooLarge } = await readBodyText(response.body, limit, signal));
	} catch (error) {
		// An error status means what it says whether or not its details arrived; a 2xx cut short is no success.
		if (status < 200 || status >= 300) return { ok: false, failure: { status, retryAfter } };
		const code = error instanceof BodyReadError ? error.code : undefined;
		return { ok: false, failure: { status, body: 'unfinished', code } };
	}
	// JSON too deep to walk safely is kept from every reader, the error details included.
	const tooDeep = !tooLarge && isTooDeep(text);
	if (status >= 200 && status < 300) {
		if (tooLarge) return { ok: false, failure: { status, body: 'tooLarge', limit, data: text } };
		if (tooDeep) return { ok: false, failure: { status, body: 'tooDeep' } };
		const body = jsonObjectOf(text);
		if (body === null) return { ok: false, failure: { status, data: text, notJsonObject: true } };
		return { ok: true, body };
	}
	const data = tooDeep ? undefined : text;
	const large = tooLarge ? { body: 'tooLarge' as const, limit } : {};
	return { ok: false, failure: { status, data, retryAfter, ...large } };
}
