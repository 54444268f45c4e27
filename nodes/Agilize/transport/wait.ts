import { sleep } from 'n8n-workflow';

/**
 * Resolves after `ms`, or as soon as `signal` aborts; never rejects. n8n 2.x's `sleep` clears
 * its timer on abort; n8n 1.x's takes no signal, so the abort is raced here as well: the caller
 * goes on at once and 1.x's timer runs out on its own, which is why callers keep sleeps short.
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
