import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import ts from 'typescript';

/**
 * The package's imports point one way: node → actions → fields and transport → shared; the
 * credential test uses an operation's path and the transport; `shared/` imports nothing of the
 * package. Type-only imports count too: they are how a layer comes to know another's internals.
 * Transport serves any request: it knows no resource or operation. Nothing outside `test/`
 * imports a test, and tests share their helpers only through `test/harness/`.
 */
const root = join(__dirname, '..', '..');
const AGILIZE = 'nodes/Agilize';
const TRIGGER = 'nodes/AgilizeChatbotTrigger';

/** A file's layer: the first folder under nodes/Agilize, or the file itself at its top. */
function layerOf(file: string): string {
	if (file.startsWith(`${AGILIZE}/`)) {
		const [first, second] = file.slice(AGILIZE.length + 1).split('/');
		return second === undefined ? first.replace(/\.ts$/, '') : first;
	}
	if (file.startsWith(`${TRIGGER}/`)) return 'AgilizeChatbotTrigger';
	if (file.startsWith('test/harness/')) return 'test/harness';
	return file.split('/')[0];
}

/** What each layer may import of the package (itself always). Every layer is listed. */
const ALLOWED: Record<string, string[]> = {
	shared: [],
	transport: ['shared'],
	fields: ['shared'],
	actions: ['shared', 'fields', 'transport'],
	methods: ['shared', 'transport', 'actions'],
	'Agilize.node': ['shared', 'actions', 'methods'],
	// The trigger shares with Chatbot → Reply what both know of Agilize's call and answer.
	AgilizeChatbotTrigger: ['shared'],
	credentials: [],
};

/** Folders outside the package: they may import the package, and `test/harness`, never a test. */
const OUTSIDE = ['demo', 'bench', 'scripts', 'test/harness'];

function sourceFiles(folder: string): string[] {
	return readdirSync(join(root, folder)).flatMap((name) => {
		const path = `${folder}/${name}`;
		if (statSync(join(root, path)).isDirectory())
			return name === 'node_modules' ? [] : sourceFiles(path);
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
			const found = [target, `${target}.ts`, `${target}.mts`, join(target, 'index.ts')].find(
				(candidate) => {
					try {
						return statSync(candidate).isFile();
					} catch {
						return false;
					}
				},
			);
			return relative(root, found ?? target);
		});
}

const files = [...OUTSIDE, 'nodes', 'credentials', 'test']
	.flatMap(sourceFiles)
	.filter((file, i, all) => all.indexOf(file) === i);
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const packageFiles = files.filter(
	(file) => file.startsWith('nodes/') || file.startsWith('credentials/'),
);

test('the import graph is read (the checks below would pass vacuously otherwise)', () => {
	expect(graph.get(`${AGILIZE}/actions/router.ts`)).toContain(`${AGILIZE}/transport/request.ts`);
	expect(graph.get(`${AGILIZE}/methods/credentialTest.ts`)).toContain(
		`${AGILIZE}/transport/request.ts`,
	);
	expect(graph.get(`${AGILIZE}/Agilize.node.ts`)).toContain(`${AGILIZE}/actions/router.ts`);
	expect(graph.get('demo/run.ts')).toContain('test/harness/engine/runWorkflow.ts');
	expect(graph.get(`${TRIGGER}/AgilizeChatbotTrigger.node.ts`)).toContain(
		`${AGILIZE}/shared/chatbotAnswer.ts`,
	);
	expect(graph.get(`${AGILIZE}/actions/chatbot/reply.operation.ts`)).toContain(
		`${AGILIZE}/shared/chatbotAnswer.ts`,
	);
});

test('every file of the package belongs to a layer with rules', () => {
	expect(packageFiles.filter((file) => !ALLOWED[layerOf(file)])).toEqual([]);
});

test('each layer imports only the layers below it', () => {
	const violations = packageFiles.flatMap((file) =>
		(graph.get(file) ?? [])
			.filter(
				(target) =>
					layerOf(target) !== layerOf(file) && !ALLOWED[layerOf(file)].includes(layerOf(target)),
			)
			.map((target) => `${file} imports ${target}`),
	);
	expect(violations).toEqual([]);
});

test('transport knows no resource or operation: it never names a room', () => {
	const transport = packageFiles.filter((file) => layerOf(file) === 'transport');
	expect(transport.length).toBeGreaterThan(0);
	const naming = transport.filter((file) => /room/i.test(readFileSync(join(root, file), 'utf8')));
	expect(naming).toEqual([]);
});

/** Two files of one suite's folder (test/fuzz, test/e2e…): a suite's own parts. */
const sameSuite = (a: string, b: string) =>
	a.split('/').slice(0, 2).join('/') === b.split('/').slice(0, 2).join('/');

test('nothing outside test/ imports a test; a test imports its own suite, test/harness and the expectations beside a fixture only', () => {
	const violations = [...graph].flatMap(([file, targets]) =>
		targets
			.filter((target) => target.startsWith('test/') && layerOf(target) !== 'test/harness')
			.filter(
				(target) =>
					!file.startsWith('test/') ||
					layerOf(file) === 'test/harness' ||
					!(sameSuite(file, target) || target.endsWith('/expected.ts')),
			)
			.map((target) => `${file} imports ${target}`),
	);
	expect(violations).toEqual([]);
});

/** The import circles among `files`: each as the path that closes it, `a → b → … → a`. */
function circlesAmong(files: string[]): string[] {
	const inScope = new Set(files);
	const state = new Map<string, 'open' | 'done'>();
	const circles: string[] = [];
	const visit = (file: string, path: string[]) => {
		state.set(file, 'open');
		for (const target of graph.get(file) ?? []) {
			if (!inScope.has(target)) continue;
			if (state.get(target) === 'open') {
				circles.push([...path.slice(path.indexOf(target)), file, target].join(' → '));
			} else if (!state.has(target)) visit(target, [...path, file]);
		}
		state.set(file, 'done');
	};
	for (const file of files) if (!state.has(file)) visit(file, []);
	return circles;
}

test('no import circle anywhere under nodes/, type-only imports included', () => {
	const nodeFiles = files.filter((file) => file.startsWith('nodes/'));
	expect(nodeFiles.length).toBeGreaterThan(10);
	expect(circlesAmong(nodeFiles)).toEqual([]);
});

test('the circle check finds a circle', () => {
	const a = `${AGILIZE}/transport/a.ts`;
	const b = `${AGILIZE}/transport/b.ts`;
	graph.set(a, [b]);
	graph.set(b, [a]);
	try {
		expect(circlesAmong([a, b])).toEqual([`${a} → ${b} → ${a}`]);
	} finally {
		graph.delete(a);
		graph.delete(b);
	}
});
