import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Agilize } from '../../nodes/Agilize/Agilize.node';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const scripts = (
	JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
		scripts: Record<string, string>;
	}
).scripts;

/** What npm and n8n's community-node listing show: a page a user reads before installing. */
describe('README.md', () => {
	test('has the sections a user looks for, in the order of n8n’s starter template', () => {
		expect([...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual([
			'Installation',
			'Operations',
			'Credentials',
			'Compatibility',
			'Usage',
			'Options',
			'AI agents and MCP',
			'Examples',
			'Resources',
			'Development',
			'Version history',
			'Licence',
		]);
	});

	// About 1,300 words for what every node's README says, and 100 for each operation it documents.
	test('stays short: about 1,300 words and 100 per operation; depth belongs in docs/', () => {
		const operations = new Agilize().description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) => property.options ?? []);
		expect(operations.length).toBeGreaterThanOrEqual(4);
		const cap = 1300 + 100 * operations.length;
		expect(readme.split(/\s+/).filter(Boolean).length).toBeLessThanOrEqual(cap);
	});

	test('keeps the two commands of a fresh clone, and they exist', () => {
		expect(readme).toContain('npm ci && npm run demo');
		expect(readme).toMatch(/^npm test\b/m);
		expect(scripts.demo).toBeDefined();
		expect(scripts.test).toBeDefined();
	});

	test('shows the node panel and no lab notes (raw CPU seconds, crashes, negative memory)', () => {
		expect(readme).toContain('](docs/images/node-panel.png)');
		expect(readme).not.toMatch(/CPU seconds|Segmentation fault|-\d+ MB/);
	});
});
