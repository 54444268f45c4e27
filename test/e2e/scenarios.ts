import type { AgilizeMock } from '../../tools/mock/agilizeMock';

/** Runs named e2e scenarios against `mock` (its counters reset before each), counting and timing them. */
export function scenarios(mock: AgilizeMock) {
	let passed = 0;
	return {
		async scenario(name: string, check: () => void | Promise<void>): Promise<void> {
			const started = Date.now();
			mock.resetCounters();
			await check();
			passed++;
			console.log(`  ✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
		},
		get passed(): number {
			return passed;
		},
	};
}
