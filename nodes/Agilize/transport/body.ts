import { MAX_JSON_DEPTH } from './limits';

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

/** What was read of a body: its text (cut at the limit) and whether there was more. */
export interface BodyText {
	text: string;
	tooLarge: boolean;
}

/** Why a body could not be read to its end; `code` as Node or zlib names it (ECONNRESET, Z_DATA_ERROR…). */
export class BodyReadError extends Error {
	constructor(readonly code: string | undefined) {
		super(`the body could not be read${code ? ` (${code})` : ''}`);
	}
}

/** Stops reading a body nobody will use (a redirect's), so that its connection is closed. */
export function discardBody(body: unknown): void {
	if (isBodyStream(body)) body.destroy();
}

/**
 * The body as text, read as it arrives up to `limit` decompressed bytes: past that
 * the stream is destroyed (and with it the connection) and the text read so far is kept. When
 * `signal` aborts (the attempt's Timeout, or cancellation) reading stops at once. Text or bytes
 * handed over whole, as a helper may do, are measured the same way.
 */
export async function readBody(body: unknown, limit: number, signal?: AbortSignal): Promise<BodyText> {
	if (body === undefined || body === null) return { text: '', tooLarge: false };
	if (!isBodyStream(body)) {
		const bytes = Buffer.isBuffer(body) ? body : Buffer.from(String(body), 'utf8');
		return { text: bytes.subarray(0, limit).toString('utf8'), tooLarge: bytes.length > limit };
	}
	return await new Promise<BodyText>((resolve, reject) => {
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
			if (char === 0x5c) i++; // a backslash escapes the next character
			else if (char === 0x22) inString = false;
		} else if (char === 0x22) inString = true;
		else if (char === 0x7b || char === 0x5b) {
			if (++depth > MAX_JSON_DEPTH) return true;
		} else if (char === 0x7d || char === 0x5d) depth--;
	}
	return false;
}
