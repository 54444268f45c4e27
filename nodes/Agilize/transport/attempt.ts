import { sleep } from 'n8n-workflow';

/** One attempt's signal: aborted by its Timeout or by the execution's cancellation, whichever comes first. */
export interface Attempt {
	signal: AbortSignal;
	/** Whether the attempt ended because its Timeout passed (not because of a cancellation). */
	timedOut(): boolean;
	/** Lets go of the execution's signal; call when the attempt is over. */
	end(): void;
}

/**
 * Bounds a whole attempt — connecting, waiting for the headers and reading the body — by
 * `timeoutMs`. n8n's `timeout` option alone only ends an idle socket, so a server dripping a byte
 * a second would hold an attempt forever. The timer is n8n's `sleep`, stopped when the attempt
 * ends where n8n-workflow allows it (2.x); listeners rather than `AbortSignal.any`, so that the
 * execution's long-lived signal keeps nothing of finished attempts.
 */
export function startAttempt(timeoutMs: number, cancelSignal?: AbortSignal): Attempt {
	const controller = new AbortController();
	const timer = new AbortController();
	let timedOut = false;
	const abort = () => controller.abort();
	sleep(timeoutMs, timer.signal).then(
		() => {
			if (timer.signal.aborted) return;
			timedOut = true;
			abort();
		},
		() => undefined,
	);
	cancelSignal?.addEventListener('abort', abort, { once: true });
	if (cancelSignal?.aborted) controller.abort();
	return {
		signal: controller.signal,
		timedOut: () => timedOut && !cancelSignal?.aborted,
		end: () => {
			timer.abort();
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
 * Resolves after `ms`, or as soon as `signal` aborts; never rejects. Recent n8n-workflow's `sleep`
 * clears its timer on abort; older releases' (1.x, 2.0) take no signal, so the abort is raced
 * here as well: the caller goes on at once and the old timer runs out on its own, which is why
 * callers keep sleeps short.
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
		// 2.x rejects with the abort's reason: being woken early is this function's purpose.
		await Promise.race([sleep(ms, signal).then(undefined, () => undefined), aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}
