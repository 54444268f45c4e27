import fc from 'fast-check';

/**
 * Runs `property` `numRuns` times. A failing batch is reported whole (every bad item listed by the
 * test's own assertion), not shrunk: shrinking batches of hundreds of items through the engine
 * would take minutes, and the batch itself can be megabytes of generated text, so only its seed
 * is printed (to replay it with fast-check's `seed` and `path`).
 */
export async function checkProperty<T>(
	label: string,
	property: fc.IAsyncProperty<T>,
	numRuns: number,
): Promise<void> {
	const details = await fc.check(property, { numRuns, endOnFailure: true });
	if (details.failed) {
		console.log(`${label}: failed with seed ${details.seed}, path ${details.counterexamplePath}`);
		throw details.errorInstance;
	}
}
