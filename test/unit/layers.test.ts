import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import ts from 'typescript';

/**
 * The package's imports point one way: node → actions → transport, fields used by actions only,
 * methods using transport and never an operation, and what several layers share in `shared/`,
 * which imports nothing of the package. Demo, bench, scripts and tools never import tests.
 * Type-only imports count too: they are how a layer comes to know another's internals.
 */
const root = join(__dirname, '..', '..');
const AGILIZE = 'nodes/Agilize';

/** A file's layer: the first folder under nodes/Agilize, or the file itself at its top. */
function layerOf(file: string): string {
	if (file.startsWith(`${AGILIZE}/`)) {
		const [first, second] = file.slice(AGILIZE.length + 1).split('/');
		return second === undefined ? first.replace(/\.ts$/, '') : first;
	}
	return file.split('/')[0];
}

/** What each layer may import of the package (itself always). Layers not listed may import anything but `test`. */
const ALLOWED: Record<string, string[]> = {
	shared: [],
	fields: ['shared'],
	// ExecutionContext is what a request reads; it knows transport's Pacer and nothing above.
	context: ['shared', 'transport'],
	transport: ['shared', 'context'],
	methods: ['shared', 'transport'],
	actions: ['shared', 'fields', 'transport', 'context'],
	'Agilize.node': ['shared', 'actions', 'methods'],
	credentials: [],
};

const NOT_TESTS = new Set(['demo', 'bench', 'scripts', 'tools', 'nodes', 'credentials']);

function sourceFiles(folder: string): string[] {
	return readdirSync(join(root, folder)).flatMap((name) => {
		const path = `${folder}/${name}`;
		if (statSync(join(root, path)).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
		return /\.(ts|mts|mjs)$/.test(name) ? [path] : [];
	});
}

/** The package files `file` imports (static, dynamic, type-only and re-exports), relative to the root. */
function importsOf(file: string): string[] {
	const { importedFiles } = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
	return importedFiles
		.map(({ fileName }) => fileName)
		.filter((specifier) => specifier.startsWith('.'))
		.map((specifier) => {
			const target = resolve(root, dirname(file), specifier);
			const found = [target, `${target}.ts`, `${target}.mts`, join(target, 'index.ts')].find((candidate) => {
				try {
					return statSync(candidate).isFile();
				} catch {
					return false;
				}
			});
			return relative(root, found ?? target);
		});
}

const files = [...NOT_TESTS].flatMap(sourceFiles);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** Every package file `file` reaches through imports, itself excluded. */
function reachable(file: string): Set<string> {
	const seen = new Set<string>();
	const pending = [...(graph.get(file) ?? [])];
	while (pending.length) {
		const next = pending.pop() as string;
		if (seen.has(next)) continue;
		seen.add(next);
		pending.push(...(graph.get(next) ?? []));
	}
	return seen;
}

test('the import graph is read (the checks below would pass vacuously otherwise)', () => {
	expect(graph.get(`${AGILIZE}/actions/router.ts`)).toContain(`${AGILIZE}/transport/request.ts`);
	expect(graph.get(`${AGILIZE}/methods/credentialTest.ts`)).toContain(`${AGILIZE}/transport/paths.ts`);
	expect(graph.get(`${AGILIZE}/Agilize.node.ts`)).toContain(`${AGILIZE}/actions/router.ts`);
});

test('each layer imports only the layers below it', () => {
	const violations = [...graph].flatMap(([file, targets]) => {
		const allowed = ALLOWED[layerOf(file)];
		if (!allowed) return [];
		return targets
			.filter((target) => layerOf(target) !== layerOf(file) && !allowed.includes(layerOf(target)))
			.map((target) => `${file} imports ${target}`);
	});
	expect(violations).toEqual([]);
});

test('transport reaches neither fields nor actions nor methods, and methods never reach an operation', () => {
	const violations = files.flatMap((file) => {
		const forbidden = { transport: ['fields', 'actions', 'methods'], methods: ['actions'] }[layerOf(file)] ?? [];
		return [...reachable(file)].filter((target) => forbidden.includes(layerOf(target))).map((target) => `${file} reaches ${target}`);
	});
	expect(violations).toEqual([]);
});

test('demo, bench, scripts, tools and the shipped code never import tests', () => {
	const violations = [...graph].flatMap(([file, targets]) =>
		targets.filter((target) => layerOf(target) === 'test').map((target) => `${file} imports ${target}`),
	);
	expect(violations).toEqual([]);
});
