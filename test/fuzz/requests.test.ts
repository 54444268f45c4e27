import fc from 'fast-check';
import type { IExecuteFunctions, INodeType } from 'n8n-workflow';

import { Agilize } from '../../nodes/Agilize/Agilize.node';
import { fromSources, runWorkflow, type WorkflowJson } from '../harness/engine/runWorkflow';
import { AgilizeMock } from '../harness/mock/agilizeMock';
import { API_KEY, loadFixture } from '../harness/helpers';
import { anyCase, updateFieldsWith, type FuzzCase } from './arbitraries';
import { checkProperty } from './checkProperty';
import { printSummary } from '../harness/summary';
import { check, Tally } from './oracle';

/**
 * Inputs tried by a generator: values of every kind an expression can return, and values of the
 * type each field takes, in every field of the table (nested keys included), and room ids with
 * path characters, dot segments, unicode and 10 kB. Each item must either reach the mock at
 * exactly its encoded path with a body the contract allows, or fail with an error naming the
 * field and the item, sending nothing; a value the contract allows must be sent, as its type.
 *
 * The items run through n8n-core's real engine, helpers and credentials; only the parameter
 * values are handed to the node directly, as if each expression had returned the generated
 * value (evaluating 10,000 real expressions would take minutes; `expressions.test.ts` sends
 * generated values through real ones).
 */

const BATCH = 400;
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
type Case = FuzzCase & { updateFields: Record<string, unknown> };

/** The Agilize node, with each item's parameters taken from `cases` instead of expressions. */
function nodeFor(cases: Case[]): INodeType {
	const agilize = new Agilize();
	const parameter = (
		name: string,
		itemIndex: number,
		fallback?: unknown,
		options?: { rawExpressions?: boolean },
	): unknown => {
		// Every value is what an expression returned for this item, so each raw form is one.
		if (options?.rawExpressions) return '={{ $fuzz }}';
		const fuzz = cases[itemIndex];
		switch (name) {
			case 'resource':
				return 'chatRoom';
			case 'operation':
				return 'update';
			case 'options':
				return { concurrency: 8, maxRetries: 0 };
			case 'specifyBody':
				return 'fields';
			case 'roomId':
				return fuzz.roomId;
			case 'updateFields':
				return fuzz.updateFields;
			case 'fieldsToClear':
				return fuzz.fieldsToClear ?? [];
			default:
				return fallback;
		}
	};
	return {
		description: agilize.description,
		methods: agilize.methods,
		async execute(this: IExecuteFunctions) {
			// n8n-core's own context answers everything else (helpers, credentials, continueOnFail).
			const context = new Proxy(this, {
				get: (target, property, receiver) => {
					if (property === 'getNodeParameter') return parameter;
					const value = Reflect.get(target, property, receiver) as unknown;
					return typeof value === 'function'
						? (value as (...args: unknown[]) => unknown).bind(target)
						: value;
				},
			});
			return await agilize.execute.call(context);
		},
	};
}

function workflowFor(count: number): WorkflowJson {
	const workflow = loadFixture('assign-room');
	const items = workflow.nodes.find((node) => node.name === 'Items');
	if (!items) throw new Error('the assign-room fixture has no Items node');
	items.parameters.jsCode = `return Array.from({ length: ${count} }, () => ({ json: {} }));`;
	const agilize = workflow.nodes.find((node) => node.type === 'n8n-nodes-agilize.agilize');
	if (!agilize) throw new Error('the assign-room fixture has no Agilize node');
	agilize.onError = 'continueRegularOutput';
	return workflow;
}

test(`generated items (${RUNS} × ${BATCH}): each reaches the mock exactly as the contract allows, or is refused naming field and item`, async () => {
	// Room ids of 1 MB (from the general value generator) make request lines of megabytes.
	const mock = await new AgilizeMock({ apiKey: API_KEY, maxHeaderSize: 1 << 24 }).start();
	const started = Date.now();
	const tally = new Tally();
	try {
		await checkProperty(
			'fuzz',
			fc.asyncProperty(
				fc.array(anyCase, { minLength: BATCH, maxLength: BATCH }),
				async (generated) => {
					mock.resetCounters();
					const cases = generated.map((fuzz) => ({
						...fuzz,
						updateFields: updateFieldsWith(fuzz.path, fuzz.value),
					}));
					const result = await runWorkflow(
						workflowFor(cases.length),
						{ agilizeApi: { apiKey: API_KEY, baseUrl: mock.baseUrl } },
						{ ...fromSources, node: nodeFor(cases) },
					);
					expect(result.error).toBeUndefined();
					const everything = JSON.stringify(result.run, (_key, value: unknown) =>
						value instanceof Error
							? { ...value, message: value.message, stack: value.stack }
							: value,
					);
					check(cases, result.output('Agilize'), mock.requests, everything, tally);
				},
			),
			RUNS,
		);
	} finally {
		await mock.stop();
	}
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	printSummary(
		`fuzz: ${tally.cases} generated items in ${seconds} s through n8n-core's engine: ${tally.summary()}`,
		() => tally.details(),
	);
	expect(tally.cases).toBeGreaterThanOrEqual(10_000);
	// The acceptance half of the oracle means something only if valid values were generated often.
	expect(tally.allowed).toBeGreaterThan(tally.cases / 30);
}, 600_000);
