/**
 * A suite's closing line on `npm test`'s output, written straight to stdout: Jest frames every
 * console.log in five more lines of origin. The details (tallies by kind of value and the like)
 * are printed only with TEST_DETAILS=1, for whoever is looking into a suite.
 */
export function printSummary(line: string, details?: () => string): void {
	const more = process.env.TEST_DETAILS === '1' && details ? `\n${details()}` : '';
	process.stdout.write(`${line}${more}\n`);
}
