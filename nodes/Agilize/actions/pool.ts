/**
 * Runs `task(0)` … `task(count - 1)`, starting them in order with at most `concurrency` running
 * at once, and starts no more once `stop()` says so. Tasks must not throw.
 */
export async function runPool(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<void>,
	stop: () => boolean,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count && !stop()) {
			await task(next++);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
