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
 * a second would hold an attempt forever. Listeners rather than `AbortSignal.any`, so that the
 * execution's long-lived signal keeps nothing of finished attempts.
 */
export function startAttempt(timeoutMs: number, cancelSignal?: AbortSignal): Attempt {
	const controller = new AbortController();
	const deadline = AbortSignal.timeout(timeoutMs);
	const abort = () => controller.abort();
	deadline.addEventListener('abort', abort, { once: true });
	cancelSignal?.addEventListener('abort', abort, { once: true });
	if (cancelSignal?.aborted) controller.abort();
	return {
		signal: controller.signal,
		timedOut: () => deadline.aborted && !cancelSignal?.aborted,
		end: () => {
			deadline.removeEventListener('abort', abort);
			cancelSignal?.removeEventListener('abort', abort);
		},
	};
}

/**
 * `promise`, or a rejection as soon as `signal` aborts: an attempt ends at its Timeout even where a
 * helper does not stop on the signal. A late answer's body is then discarded by `onLate`.
 */
export async function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, onLate: (value: T) => void): Promise<T> {
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
