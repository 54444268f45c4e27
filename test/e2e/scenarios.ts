import type { AgilizeMock } from '../../tools/mock/agilizeMock';

/** `E2E_ONLY=credential` runs only the scenarios whose name contains that text (any case). */
const only = process.env.E2E_ONLY?.toLowerCase();

/** Runs named e2e scenarios against `mock` (its counters reset before each), counting and timing them. */
export function scenarios(mock: AgilizeMock) {
	let passed = 0;
	return {
		async scenario(name: string, check: () => void | Promise<void>): Promise<void> {
			if (only && !name.toLowerCase().includes(only)) return;
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
