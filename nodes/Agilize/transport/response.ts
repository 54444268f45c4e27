import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../shared/values';
import type { HttpFailure } from './errors';

/** A response as n8n's request helpers return it in full (`returnFullResponse`). */
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

/** Body text as sent, whether the helper handed over text, bytes or (n8n 1.x legacy) parsed JSON. */
function bodyOf(body: unknown): { text?: string; parsed?: unknown } {
	if (body === undefined || body === null) return { text: '' };
	if (typeof body === 'string') return { text: body };
	if (Buffer.isBuffer(body)) return { text: body.toString('utf8') };
	return { parsed: body };
}

/** The JSON object a body holds, `undefined` for an empty body, or `null` for anything else. */
function jsonObjectOf({ text, parsed }: { text?: string; parsed?: unknown }): IDataObject | undefined | null {
	if (text === undefined) return isPlainObject(parsed) ? parsed : null;
	if (text.trim() === '') return undefined;
	try {
		const value = JSON.parse(text) as unknown;
		return isPlainObject(value) ? value : null;
	} catch {
		return null;
	}
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

/**
 * What a response means: success only for a 2xx whose body is a JSON object or empty (a website
 * or login page at a wrong Base URL also answers 200); a 3xx is never followed, since the
 * API key header would go with it to wherever the server points.
 */
export function readResponse(response: FullResponse, requestUrl: string): Outcome {
	const status = response.statusCode;
	const read = bodyOf(response.body);
	const data = read.text ?? read.parsed;
	if (status >= 200 && status < 300) {
		const body = jsonObjectOf(read);
		return body === null ? { ok: false, failure: { status, data, notJsonObject: true } } : { ok: true, body };
	}
	if (status >= 300 && status < 400) {
		return { ok: false, failure: { status, redirectTo: redirectTarget(header(response.headers, 'location'), requestUrl) } };
	}
	return { ok: false, failure: { status, data, retryAfter: header(response.headers, 'retry-after') } };
}

/** Whether a body is a JSON object (or empty): the credential test reads 404s only from such bodies. */
export const isJsonObjectBody = (body: unknown): boolean => jsonObjectOf(bodyOf(body)) !== null;
