import { sleep } from 'n8n-workflow';

import { sleepUnlessAborted } from '../shared/compat';

/** One attempt's signal: aborted by its Timeout or by the execution's cancellation, whichever comes first. */
interface Attempt {
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
