// Runs n8n's verification scan (@n8n/scan-community-package's analyzePackage, the same ESLint
// rules with inline eslint-disable comments ignored) on the sources and on the packed tarball, as
// n8n does for a published version, without needing it published.
// Run with tsx (`npm run scan`), which lets it use the TypeScript pack() the tests use.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

import { pack } from '../test/harness/pack.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The caller builds first (npm run scan, CI).
const packed = pack({ build: false });
const packDir = dirname(packed.tarball);
execFileSync('tar', ['-xzf', packed.tarball, '-C', packDir, '--strip-components=1']);

let failed = false;
for (const [label, dir, patterns] of [
	['sources', root, SOURCE_FILE_PATTERNS],
	[`tarball ${packed.tarball}`, packDir, ['**/*.js', 'package.json']],
]) {
	const result = await analyzePackage(dir, patterns);
	console.log(`${result.passed ? 'passed' : 'FAILED'}: n8n scan of the ${label}`);
	if (!result.passed) {
		failed = true;
		console.log(result.message, result.details ?? '');
	}
}
console.log(`packed files: ${packed.files.join(', ')}`);
process.exitCode = failed ? 1 : 0;
