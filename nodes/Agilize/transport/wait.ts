import { sleep } from 'n8n-workflow';

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
