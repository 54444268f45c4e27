import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../shared/values';
import { discardBody, isTooDeep, readBody, BodyReadError } from './body';
import type { HttpFailure } from './errors';

/** A response as n8n's request helpers return it in full (`returnFullResponse`), its body a stream. */
export interface FullResponse {
	statusCode: number;
	headers?: unknown;
	body?: unknown;
}

export type Outcome = { ok: true; body?: IDataObject } | { ok: false; failure: HttpFailure };

/** A header of the response; n8n hands them over as AxiosHeaders, keyed in lower case. */
const header = (headers: unknown, name: string): string | undefined => {
	const value = typeof headers === 'object' && headers !== null ? (headers as Record<string, unknown>)[name] : undefined;
	return typeof value === 'string' ? value : undefined;
};

/**
 * The JSON object a body holds, `undefined` for an empty body, or `null` for anything else. The
 * caller has ruled out JSON too deep to parse safely (`isTooDeep`).
 */
function jsonObjectOf(text: string): IDataObject | undefined | null {
	if (text.trim() === '') return undefined;
	try {
		const value = JSON.parse(text) as unknown;
		return isPlainObject(value) ? value : null;
	} catch {
		return null;
	}
}

/** Whether body text is a JSON object (or empty): the credential test reads 404s only from such bodies. */
export const isJsonObjectText = (text: string): boolean => !isTooDeep(text) && jsonObjectOf(text) !== null;

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

/**
 * What a response means: success only for a 2xx whose body is a JSON object or empty (a website
 * or login page at a wrong Base URL also answers 200), within the size and depth limits; a 3xx is
 * never followed, since the API key header would go with it to wherever the server points. The
 * body is read as it arrives, never past the limit, and stops with `signal`.
 */
export async function readResponse(response: FullResponse, requestUrl: string, limit: number, signal?: AbortSignal): Promise<Outcome> {
	const status = response.statusCode;
	if (status >= 300 && status < 400) {
		discardBody(response.body);
		return { ok: false, failure: { status, redirectTo: redirectTarget(header(response.headers, 'location'), requestUrl) } };
	}
	const retryAfter = header(response.headers, 'retry-after');
	let text: string;
	let tooLarge: boolean;
	try {
		({ text, tooLarge } = await readBody(response.body, limit, signal));
	} catch (error) {
		// An error status means what it says whether or not its details arrived; a 2xx cut short is no success.
		if (status < 200 || status >= 300) return { ok: false, failure: { status, retryAfter } };
		return { ok: false, failure: { status, body: 'unfinished', code: error instanceof BodyReadError ? error.code : undefined } };
	}
	// JSON too deep to walk safely is kept from every reader, the error details included.
	const tooDeep = !tooLarge && isTooDeep(text);
	if (status >= 200 && status < 300) {
		if (tooLarge) return { ok: false, failure: { status, body: 'tooLarge', limit, data: text } };
		if (tooDeep) return { ok: false, failure: { status, body: 'tooDeep' } };
		const body = jsonObjectOf(text);
		return body === null ? { ok: false, failure: { status, data: text, notJsonObject: true } } : { ok: true, body };
	}
	return {
		ok: false,
		failure: {
			status,
			data: tooDeep ? undefined : text,
			retryAfter,
			...(tooLarge ? { body: 'tooLarge' as const, limit } : {}),
		},
	};
}
