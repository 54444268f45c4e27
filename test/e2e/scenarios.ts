import type { AgilizeMock } from '../harness/mock/agilizeMock';

/** `E2E_ONLY=credential` runs only the scenarios whose name contains that text (any case). */
const only = process.env.E2E_ONLY?.toLowerCase();

/** `E2E_ONLY=mcp` selects only the MCP example's scenarios (all named "MCP: …"): the others' setup can be skipped. */
export const onlyMcp = only?.startsWith('mcp') === true;

/**
 * With E2E_KEEP_GOING=1 a failed scenario is reported and the next one runs (the exit code still
 * fails): to see everything that breaks on a release, e.g. below the floor.
 */
const keepGoing = process.env.E2E_KEEP_GOING === '1';

let failedSoFar = 0;

/** Scenarios that failed under E2E_KEEP_GOING, in every runner of this process. */
export const failedScenarios = (): number => failedSoFar;

/** Runs named e2e scenarios against `mock` (its counters reset before each), counting and timing them. */
export function scenarios(mock: AgilizeMock) {
	let passed = 0;
	return {
		async scenario(name: string, check: () => void | Promise<void>): Promise<void> {
			if (only && !name.toLowerCase().includes(only)) return;
			const started = Date.now();
			mock.resetCounters();
			try {
				await check();
			} catch (error) {
				if (!keepGoing) throw error;
				failedSoFar++;
				process.exitCode = 1;
				console.log(
					`  ✗ ${name}: ${String(error instanceof Error ? error.message : error)
						.split('\n')
						.slice(0, 12)
						.join('\n    ')}`,
				);
				return;
			}
			passed++;
			console.log(`  ✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
		},
		get passed(): number {
			return passed;
		},
	};
}
