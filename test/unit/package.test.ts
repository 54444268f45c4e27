import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { pack } from '../harness/pack';
import { CONTRACTS, sharedContract, vendoredContract } from '../harness/contract';
import { printSummary } from '../harness/summary';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('package.json is what n8n requires of a community package', () => {
	expect(pkg.name).toBe('n8n-nodes-agilize');
	expect(pkg.keywords).toContain('n8n-community-node-package');
	expect(pkg.license).toBe('MIT');
	expect(pkg.files).toEqual(['dist']);
	expect(pkg.dependencies ?? {}).toEqual({});
	expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	expect(pkg.n8n).toEqual({
		n8nNodesApiVersion: 1,
		strict: true,
		credentials: ['dist/credentials/AgilizeApi.credentials.js'],
		nodes: [
			'dist/nodes/Agilize/Agilize.node.js',
			'dist/nodes/AgilizeChatbotTrigger/AgilizeChatbotTrigger.node.js',
		],
	});
});

test('the package holds only the build, the English README, the licence and package.json', () => {
	const { files } = pack({ build: false, dryRun: true });
	// npm always packs README* files at the top: the Portuguese one lives in docs/pt-BR instead.
	expect(files.filter((path) => !path.startsWith('dist/')).sort()).toEqual([
		'LICENSE.md',
		'README.md',
		'package.json',
	]);
	expect(files.filter((path) => /pt-BR|pt_BR|\.pt\./i.test(path))).toEqual([]);
});

/** A test that cannot run here is skipped, and says why, rather than passing without checking. */
function testIf(condition: boolean, why: string) {
	if (!condition) printSummary(`skipped: ${why}`);
	return condition ? test : test.skip;
}

// The npm publish workflow has only the copies.
describe.each(CONTRACTS)('%s', (file) => {
	testIf(existsSync(sharedContract(file)), `${sharedContract(file)} is not here`)(
		'the contract copy in docs/ is the same as the shared one',
		() => {
			expect(readFileSync(vendoredContract(file), 'utf8')).toBe(
				readFileSync(sharedContract(file), 'utf8'),
			);
		},
	);
});

testIf(existsSync(join(root, 'dist', 'nodes')), 'no dist/ to pack: run `npm run build` first')(
	'the packed size docs/development.md states is the real one (after a build)',
	() => {
		const packed = pack({ build: false, dryRun: true });
		const stated = /([\d.]+) kB packed/.exec(
			readFileSync(join(root, 'docs', 'development.md'), 'utf8'),
		);
		expect(Math.abs(Number(stated?.[1]) - packed.size / 1000)).toBeLessThan(1.5);
	},
);
