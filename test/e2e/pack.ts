import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Builds the package and packs it as npm would publish it; returns the tarball's path. */
export function pack(): string {
	execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
	const dir = mkdtempSync(join(tmpdir(), 'agilize-pack-'));
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
	const [packed] = JSON.parse(output) as Array<{ filename: string }>;
	return join(dir, packed.filename);
}
