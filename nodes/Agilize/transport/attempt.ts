import type { JsonObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { sleepUnlessAborted } from '../shared/compat';

import { clip, isPlainObject } from '../shared/values';
import type { HttpFailure } from './errors';

/** One attempt's signal: aborted by its Timeout or by the execution's cancellation, whichever comes first. */
export interface Attempt {
	signal: AbortSignal;
	/** Whether the attempt ended because its Timeout passed (not because of a cancellation). */
	timedOut(): boolean;
	/** Lets go of the execution's signal; call when the attempt is over. */
	end(): void;
}

/** Why a timer was stopped: one reason for all, so that stopping one allocates no error. */
const STOPPED = new Error('stopped');
const ignore = () => undefined;

/**
 * Calls `fire` after `ms` unless the returned function is called first. Where n8n's sleep cannot
 * be cut short (1.70–1.94) its timer runs out on its own: it then holds only `armed`, emptied when
 * stopped, so that thousands of finished attempts under a long Timeout keep none of their requests.
 */
function startTimer(ms: number, fire: () => void): () => void {
	const stop = new AbortController();
	const armed: { fire?: () => void } = { fire };
	sleepUnlessAborted(ms, stop.signal).then(() => armed.fire?.(), ignore);
	return () => {
		armed.fire = undefined;
		stop.abort(STOPPED);
	};
}

/**
 * Bounds a whole attempt — connecting, waiting for the headers and reading the body — by
 * `timeoutMs`. n8n's `timeout` option alone only ends an idle socket, so a server dripping a byte
 * a second would hold an attempt forever. Listeners rather than `AbortSignal.any`, so that the
 * execution's long-lived signal keeps nothing of finished attempts.
 */
export function startAttempt(timeoutMs: number, cancelSignal?: AbortSignal): Attempt {
	const controller = new AbortController();
	let timedOut = false;
	const abort = () => controller.abort();
	const stopTimer = startTimer(timeoutMs, () => {
		timedOut = true;
		abort();
	});
	cancelSignal?.addEventListener('abort', abort, { once: true });
	if (cancelSignal?.aborted) controller.abort();
	return {
		signal: controller.signal,
		timedOut: () => timedOut && !cancelSignal?.aborted,
		end: () => {
			stopTimer();
			cancelSignal?.removeEventListener('abort', abort);
		},
	};
}

/**
 * `promise`, or a rejection as soon as `signal` aborts: an attempt ends at its Timeout even where a
 * helper does not stop on the signal. A late answer's body is then discarded by `onLate`.
 */
export async function untilAborted<T>(
	promise: Promise<T>,
	signal: AbortSignal,
	onLate: (value: T) => void,
): Promise<T> {
	if (signal.aborted) {
		promise.then(onLate, () => undefined);
		throw new Error('aborted');
	}
	return await new Promise<T>((resolve, reject) => {
		let aborted = false;
		const onAbort = () => {
			aborted = true;
			reject(new Error('aborted'));
		};
		signal.addEventListener('abort', onAbort, { once: true });
		promise.then(
			(value) => {
				signal.removeEventListener('abort', onAbort);
				if (aborted) onLate(value);
				else resolve(value);
			},
			(error: unknown) => {
				signal.removeEventListener('abort', onAbort);
				reject(error);
			},
		);
	});
}

/**
 * Resolves after `ms`, or as soon as `signal` aborts; never rejects. Where n8n's sleep takes no
 * signal (1.70–1.94) the abort is raced here as well: the caller goes on at once and the old timer
 * runs out on its own, which is why callers keep sleeps short.
 */
export async function wait(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await sleep(ms);
	if (signal.aborted) return;
	let onAbort = () => {};
	const aborted = new Promise<void>((resolve) => {
		onAbort = resolve;
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		// An abortable sleep rejects when woken early, which is what this function is for.
		await Promise.race([sleepUnlessAborted(ms, signal).then(undefined, ignore), aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
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
		texts.map((text) => ERROR_CODE.exec(text)?.[1]).find(Boolean) ??
		N8N_1_PHRASES.find(([phrase]) => texts.some((text) => phrase.test(text)))?.[1];
	const message = [cause.message, outer.message].find(
		(text): text is string => typeof text === 'string' && text.trim() !== '',
	);
	return { code, ...(message ? { reason: clip(message.trim(), 200) } : {}) };
}
