// Runs n8n's verification scan (@n8n/scan-community-package's analyzePackage, the same ESLint
// rules with inline eslint-disable comments ignored) on the sources and on the packed tarball, as
// n8n does for a published version, without needing it published.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packDir = mkdtempSync(join(tmpdir(), 'agilize-pack-'));
const [packed] = JSON.parse(
	execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: root, encoding: 'utf8' }),
);
execFileSync('tar', ['-xzf', join(packDir, packed.filename), '-C', packDir, '--strip-components=1']);

let failed = false;
for (const [label, dir, patterns] of [
	['sources', root, SOURCE_FILE_PATTERNS],
	[`tarball ${packed.filename}`, packDir, ['**/*.js', 'package.json']],
]) {
	const result = await analyzePackage(dir, patterns);
	console.log(`${result.passed ? 'passed' : 'FAILED'}: n8n scan of the ${label}`);
	if (!result.passed) {
		failed = true;
		console.log(result.message, result.details ?? '');
	}
}
console.log(`packed files: ${packed.files.map((file) => file.path).join(', ')}`);
process.exitCode = failed ? 1 : 0;
