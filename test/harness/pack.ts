import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

export interface Packed {
	/** The tarball's path; undefined for a dry run. */
	tarball?: string;
	/** The files in the package, as npm lists them. */
	files: string[];
	/** Bytes, packed and unpacked. */
	size: number;
	unpackedSize: number;
}

/**
 * The package as npm would publish it: built first unless `build` is false, packed into a new
 * temporary folder, or only listed (`dryRun`). The e2e tests, the benchmark, the dev server, the
 * scan and the package tests all pack through here.
 */
export function pack({
	build = true,
	dryRun = false,
}: { build?: boolean; dryRun?: boolean } = {}): Packed {
	if (build) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
	const dir = dryRun ? undefined : mkdtempSync(join(tmpdir(), 'agilize-pack-'));
	const args = ['pack', '--json', ...(dir ? ['--pack-destination', dir] : ['--dry-run'])];
	const output = execFileSync('npm', args, {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	const [packed] = JSON.parse(output) as Array<{
		filename: string;
		files: Array<{ path: string }>;
		size: number;
		unpackedSize: number;
	}>;
	return {
		tarball: dir ? join(dir, packed.filename) : undefined,
		files: packed.files.map((file) => file.path),
		size: packed.size,
		unpackedSize: packed.unpackedSize,
	};
}

/** The built package packed into a tarball; its path. */
export function packTarball(): string {
	const { tarball } = pack();
	if (!tarball) throw new Error('npm pack made no tarball');
	return tarball;
}
