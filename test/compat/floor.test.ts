import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine/runWorkflow';
import { API_KEY, loadFixture } from '../harness/helpers';
import { AgilizeMock } from '../harness/mock/agilizeMock';
import { FLOOR } from '../harness/n8n/versions';

/**
 * The oldest n8n this package supports ships the n8n-workflow installed here as
 * n8n-workflow-floor. n8n hands a community node its own n8n-workflow, so an export the floor
 * lacks is undefined in that n8n: the node then fails to load or fails every item. The build is
 * checked against it here, in seconds, rather than in a user's n8n (or the real-n8n matrix).
 */

const root = resolve(__dirname, '../..');
const floorDir = join(root, 'node_modules', 'n8n-workflow-floor');
let build: string;

beforeAll(() => {
	// The shipped code, built now as `npm run build` builds it (dist/ may be stale), into a folder
	// whose node_modules holds only n8n-workflow, the floor's: as n8n holds a community package.
	build = mkdtempSync(join(tmpdir(), 'agilize-floor-'));
	execFileSync(process.execPath, [
		join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
		'-p',
		join(root, 'tsconfig.build.json'),
		'--outDir',
		join(build, 'dist'),
	]);
	mkdirSync(join(build, 'node_modules'));
	symlinkSync(floorDir, join(build, 'node_modules', 'n8n-workflow'), 'dir');
}, 120_000);

afterAll(() => rmSync(build, { recursive: true, force: true }));

function builtFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory()
			? builtFiles(join(dir, entry.name))
			: entry.name.endsWith('.js')
				? [join(dir, entry.name)]
				: [],
	);
}

test('the floor is the n8n-workflow that the oldest supported n8n ships', () => {
	const floor = JSON.parse(readFileSync(join(floorDir, 'package.json'), 'utf8')) as {
		version: string;
	};
	expect(floor.version).toBe(FLOOR.n8nWorkflow);
});

test("every n8n-workflow export the build reads exists in the floor's, or is read with a fallback", () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- the floor's exports, as n8n would load them
	const floor = require(floorDir) as Record<string, unknown>;
	const unguarded = new Set<string>();
	const guarded = new Set<string>();
	for (const file of builtFiles(join(build, 'dist'))) {
		const code = readFileSync(file, 'utf8');
		// tsc's CommonJS: `const n8n_workflow_1 = require("n8n-workflow")`, or `__importStar(require(...))`.
		for (const [, binding] of code.matchAll(
			/const (\w+) = (?:__importStar\()?require\("n8n-workflow"\)/g,
		)) {
			for (const [, name, fallback] of code.matchAll(
				new RegExp(`\\b${binding}\\.(\\w+)(\\s*\\?\\?)?`, 'g'),
			)) {
				(fallback ? guarded : unguarded).add(name);
			}
		}
	}
	expect(unguarded.size).toBeGreaterThan(0);
	expect([...unguarded].filter((name) => floor[name] === undefined)).toEqual([]);
	// What the floor lacks is read only through nodes/Agilize/shared/compat.ts, with its fallback.
	expect([...guarded].filter((name) => floor[name] === undefined).sort()).toEqual([
		'isSafeObjectProperty',
	]);
});

describe("the built node on the floor's n8n-workflow", () => {
	let pkg: { node: INodeType; credential: ICredentialType };

	beforeAll(() => {
		/* eslint-disable @typescript-eslint/no-require-imports -- the build, loaded as n8n loads it */
		const { Agilize } = require(join(build, 'dist', 'nodes', 'Agilize', 'Agilize.node.js')) as {
			Agilize: new () => INodeType;
		};
		const { AgilizeApi } = require(
			join(build, 'dist', 'credentials', 'AgilizeApi.credentials.js'),
		) as { AgilizeApi: new () => ICredentialType };
		/* eslint-enable @typescript-eslint/no-require-imports */
		pkg = { node: new Agilize(), credential: new AgilizeApi() };
	});

	test('loads, with one main input and output', () => {
		expect(pkg.node.description.inputs).toEqual(['main']);
		expect(pkg.node.description.outputs).toEqual(['main']);
	});

	test('updates a room read by {{ $json.roomId }}, and a 404 becomes an error item, paired to its input', async () => {
		const mock = await new AgilizeMock({ apiKey: API_KEY, missingRooms: ['missing-room'] }).start();
		try {
			const { output, error } = await runWorkflow(
				loadFixture('error-output'),
				{ agilizeApi: { apiKey: API_KEY, baseUrl: mock.baseUrl } },
				pkg,
			);
			expect(error).toBeUndefined();
			expect(mock.requests.map((r) => [r.method, r.url])).toEqual([
				['PATCH', '/messenger/chat/room/r1'],
				['PATCH', '/messenger/chat/room/missing-room'],
				['PATCH', '/messenger/chat/room/r3'],
			]);
			expect(output('Agilize', 0).map((item) => item.json._id)).toEqual(['r1', 'r3']);
			expect(output('Agilize', 1)).toEqual([
				expect.objectContaining({
					json: { error: 'Chat room "missing-room" was not found (HTTP 404)' },
					pairedItem: { item: 1 },
				}),
			]);
		} finally {
			await mock.stop();
		}
	});
});
