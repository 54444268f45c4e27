import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(__dirname, '..', '..');

/** README.md and every Markdown page under docs/, as paths from the repository root. */
function documents(): string[] {
	const walk = (dir: string): string[] =>
		readdirSync(join(root, dir)).flatMap((name) => {
			const path = join(dir, name);
			if (statSync(join(root, path)).isDirectory()) return walk(path);
			return path.endsWith('.md') ? [path] : [];
		});
	return ['README.md', ...walk('docs')];
}

/** Inline links and images, `[text](target)` and `![alt](target)`, outside code blocks and spans. */
function links(markdown: string): string[] {
	const prose = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
	return [...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
		(m) => m[1],
	);
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
	const seen = new Map<string, number>();
	const result = new Set<string>();
	for (const [, heading] of markdown
		.replace(/^```[\s\S]*?^```/gm, '')
		.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
		const slug = heading
			.toLowerCase()
			.replace(/[`*_]/g, '')
			.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
			.replace(/[^\p{L}\p{N}\s-]/gu, '')
			.replace(/\s/g, '-');
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		result.add(count ? `${slug}-${count}` : slug);
	}
	return result;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** What is wrong with one relative link of `file`, or undefined when it resolves. */
function brokenReason(file: string, target: string): string | undefined {
	const [pathPart, fragment] = target.split('#', 2);
	const path = pathPart
		? resolve(root, dirname(file), decodeURIComponent(pathPart))
		: join(root, file);
	if (relative(root, path).startsWith('..')) return 'points outside the repository';
	if (!existsSync(path)) return 'no such file';
	if (fragment === undefined || !path.endsWith('.md')) return undefined;
	return anchors(readFileSync(path, 'utf8')).has(fragment) ? undefined : `no heading #${fragment}`;
}

describe('links in README.md and docs/', () => {
	const pages = documents();

	test('the pages users read are all here (the README, the docs topics, the Portuguese README)', () => {
		expect(pages).toEqual(
			expect.arrayContaining([
				'README.md',
				'docs/development.md',
				'docs/fields.md',
				'docs/performance.md',
				'docs/security.md',
				'docs/self-hosting.md',
				'docs/pt-BR/README.md',
			]),
		);
	});

	test('every relative link and image resolves to a file in the repository, and every #anchor to a heading', () => {
		const broken: string[] = [];
		let checked = 0;
		for (const file of pages) {
			for (const target of links(readFileSync(join(root, file), 'utf8'))) {
				if (isExternal(target)) continue;
				checked++;
				const reason = brokenReason(file, target);
				if (reason) broken.push(`${file}: ${target} (${reason})`);
			}
		}
		expect(broken).toEqual([]);
		// The README alone links a dozen pages: a parser that found none would pass vacuously.
		expect(checked).toBeGreaterThan(40);
	});

	test('the checker itself refuses a missing file, a missing anchor and a path outside the repository', () => {
		expect(brokenReason('README.md', 'docs/no-such-page.md')).toBe('no such file');
		expect(brokenReason('README.md', 'docs/fields.md#no-such-heading')).toBe(
			'no heading #no-such-heading',
		);
		expect(brokenReason('docs/fields.md', '../../outside.md')).toBe(
			'points outside the repository',
		);
		expect(brokenReason('README.md', 'docs/fields.md#clearing-fields')).toBeUndefined();
		expect(brokenReason('README.md', '#ai-agents-and-mcp')).toBeUndefined();
		expect(links('see [a](x.md) and ![b](y.png "title") but not `[c](z.md)`')).toEqual([
			'x.md',
			'y.png',
		]);
	});
});
