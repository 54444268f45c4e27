import { isDeepStrictEqual } from 'node:util';

import fc from 'fast-check';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { Agilize } from '../../nodes/Agilize/Agilize.node';
import { update } from '../../nodes/Agilize/actions/chatRoom/update.operation';
import { createParameterReader } from '../../nodes/Agilize/actions/parameters';
import { chatRoomFields } from '../../nodes/Agilize/fields/chatRoomFields';
import { InvalidInputError } from '../../nodes/Agilize/shared/values';
import { fromSources, runWorkflow, type WorkflowJson } from '../harness/engine/runWorkflow';
import { generatedItems } from '../harness/engine/standInNodes';
import { API_KEY, generatedItemsWorkflow } from '../harness/helpers';
import { anyValue, fieldPaths, updateFieldsWith, type FieldPath } from './arbitraries';
import { checkProperty } from './checkProperty';
import { printSummary } from '../harness/summary';

/**
 * The parameter reader returns exactly what n8n-core's `getNodeParameter` returns, through the
 * real engine and real expressions: for constants, for `{{ $json.path }}` leaves it serves from
 * the item, and for everything it hands to the engine (other expressions, missing paths, values
 * that are not plain JSON).
 */

const BATCH = 40;
const RUNS = Number(process.env.FUZZ_READER_RUNS ?? 30);

/** Names the generated item JSON and the paths use: plain ones, and ones n8n's sandbox refuses. */
const NAMES = [
	'a',
	'b',
	'c',
	'$d',
	'_e',
	'length',
	'toString',
	'constructor',
	'__proto__',
	'missing',
];
const name = fc.constantFrom(...NAMES);

/** Any value an earlier node may put in an item: mostly plain JSON, also Dates, Luxon, NaN… */
const { value } = fc.letrec((tie) => ({
	value: fc.oneof(
		{ arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 4 },
		{ arbitrary: anyValue, weight: 3 },
		{ arbitrary: fc.dictionary(name, tie('value'), { maxKeys: 3 }), weight: 1 },
		{ arbitrary: fc.array(tie('value'), { maxLength: 3 }), weight: 1 },
	),
}));

/** Item JSON: usually with `a`, `b.c` and `b.$d`, which most generated paths read, plus any names. */
const json = fc
	.tuple(
		fc.dictionary(name, value, { minKeys: 1, maxKeys: 4 }),
		fc.record(
			{ a: value, b: fc.record({ c: value, $d: value }, { requiredKeys: [] }) },
			{ requiredKeys: [] },
		),
	)
	.map(([extra, usual]) => ({ ...extra, ...usual }));

const space = fc.constantFrom('', ' ', '  ', '\n', '\t ');
const path = fc.oneof(
	{ arbitrary: fc.constantFrom('a', 'b', 'b.c', 'b.$d'), weight: 4 },
	{
		arbitrary: fc.constantFrom('constructor', '__proto__', 'toString', 'length', 'missing'),
		weight: 1,
	},
	{
		arbitrary: fc.array(name, { minLength: 1, maxLength: 3 }).map((names) => names.join('.')),
		weight: 1,
	},
);

type Form = { kind: 'constant' | 'fast form' | 'other expression'; raw: unknown };

/** How a parameter leaf is written: constant, exactly `{{ $json.path }}`, or nearly so. */
const form: fc.Arbitrary<Form> = fc.oneof(
	{
		arbitrary: fc
			.oneof(
				fc.string(),
				fc.integer(),
				fc.boolean(),
				fc.constantFrom('', '=', '=x', '={{', '{{ $json.a }}'),
			)
			.map((raw) => ({ kind: 'constant' as const, raw })),
		weight: 2,
	},
	{
		arbitrary: fc.tuple(space, path, space).map(([before, p, after]) => ({
			kind: 'fast form' as const,
			raw: `={{${before}$json.${p}${after}}}`,
		})),
		weight: 6,
	},
	{
		arbitrary: fc
			.tuple(path, name, fc.integer({ min: 0, max: 9 }))
			.map(
				([p, n, variant]) =>
					[
						`={{ $json.${p} }} `,
						`= {{ $json.${p} }}`,
						`={{ $json["${n}"] }}`,
						`={{ $json.${p}.toString() }}`,
						`={{ $json.${p} || 'x' }}`,
						`=x{{ $json.${p} }}`,
						`={{ $input.item.json.${p} }}`,
						`={{ $json.${p} }}{{ $json.${n} }}`,
						`={{ $json }}`,
						`={{ $json.${n}.0 }}`,
					][variant],
			)
			.map((raw) => ({ kind: 'other expression' as const, raw })),
		weight: 1,
	},
);

interface Generated {
	roomId: Form;
	updateFields: Array<{ at: (typeof fieldPaths)[number]; form: Form }>;
	fieldsToClear: Form | string[];
	jsonBody: Form;
}

const generatedParameters: fc.Arbitrary<Generated> = fc.record({
	roomId: form,
	updateFields: fc.array(fc.record({ at: fc.constantFrom(...fieldPaths), form }), {
		minLength: 1,
		maxLength: 2,
	}),
	fieldsToClear: fc.oneof(form, fc.constant<string[]>(['user', 'department'])),
	jsonBody: form,
});

/**
 * A list of entries (Idle Rules → Rules) that n8n can load: n8n's own loader throws on one stored
 * as anything but a list or a text, so the editor never saves such a workflow; the value is
 * stored as a list of one entry instead.
 */
const ENTRY_LISTS = new Set(
	chatRoomFields.flatMap((field) =>
		field.kind === 'objectList' ? [`${field.name}.${field.entryName}`] : [],
	),
);
const loadable = (at: FieldPath, raw: unknown) =>
	ENTRY_LISTS.has(at.join('.')) && typeof raw !== 'string' && !Array.isArray(raw) ? [raw] : raw;

/** Update Fields with each generated leaf where the collection keeps it. */
function updateFieldsOf(leaves: Generated['updateFields']): Record<string, unknown> {
	const merged: Record<string, unknown> = {};
	for (const { at, form: leaf } of leaves)
		Object.assign(merged, updateFieldsWith(at, loadable(at, leaf.raw)));
	return merged;
}

const NAMES_READ: Array<[string, unknown]> = [
	['roomId', undefined],
	['updateFields', {}],
	['fieldsToClear', []],
	['jsonBody', '{}'],
];

type Outcome = { value: unknown } | { error: string };

/** What a read gave; for the reader's error naming the parameter, n8n's own error inside it. */
const attempt = (read: () => unknown): Outcome => {
	try {
		return { value: read() };
	} catch (thrown) {
		const error = (
			thrown instanceof InvalidInputError && thrown.cause instanceof Error ? thrown.cause : thrown
		) as Error;
		return { error: `${error.constructor.name}: ${error.message}` };
	}
};

interface Tally {
	reads: number;
	engineReads: number;
	/** Reads of a parameter with `{{ $json.path }}` leaves that the reader served from the item. */
	fromItem: number;
	byForm: Record<string, number>;
	differences: string[];
}

/**
 * A node with the Agilize node's description that, for every item, reads each parameter with the
 * reader and then with `getNodeParameter`, and records where they differ.
 */
function probe(tally: Tally): INodeType {
	const { description } = new Agilize();
	return {
		description: { ...description, name: 'parameterProbe' },
		async execute(this: IExecuteFunctions) {
			// Counts the reads the reader hands to n8n's engine.
			const counted = new Proxy(this, {
				get: (target, property, receiver) => {
					const value = Reflect.get(target, property, receiver) as unknown;
					if (property !== 'getNodeParameter')
						return typeof value === 'function'
							? (value as (...args: unknown[]) => unknown).bind(target)
							: value;
					return (...args: Parameters<IExecuteFunctions['getNodeParameter']>) => {
						if (!(args[3] as { rawExpressions?: boolean } | undefined)?.rawExpressions)
							tally.engineReads++;
						return (target.getNodeParameter as (...a: unknown[]) => unknown)(...args);
					};
				},
			});
			const read = createParameterReader(counted, update, false);
			const items = this.getInputData();
			for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
				for (const [parameter, fallback] of NAMES_READ) {
					tally.reads++;
					const engineReadsBefore = tally.engineReads;
					const viaReader = attempt(() => read(parameter, itemIndex, fallback));
					const raw = JSON.stringify(
						this.getNodeParameter(parameter, itemIndex, fallback, { rawExpressions: true }),
					);
					if (tally.engineReads === engineReadsBefore && raw?.includes('$json')) tally.fromItem++;
					const viaEngine = attempt(() => this.getNodeParameter(parameter, itemIndex, fallback));
					if (!isDeepStrictEqual(viaReader, viaEngine)) {
						tally.differences.push(
							`${parameter} of item ${itemIndex}: raw ${raw}, reader ${show(viaReader)}, engine ${show(viaEngine)}`,
						);
					}
				}
			}
			return [items];
		},
	};
}

const show = (outcome: Outcome): string => {
	try {
		return (
			JSON.stringify(outcome, (_key, value: unknown) =>
				typeof value === 'bigint' ? `${value}n` : value,
			)?.slice(0, 300) ?? String(outcome)
		);
	} catch {
		return String(outcome);
	}
};

function workflowFor(generated: Generated): WorkflowJson {
	const { workflow, agilize } = generatedItemsWorkflow();
	agilize.type = 'test.parameterProbe';
	agilize.parameters = {
		resource: 'chatRoom',
		operation: 'update',
		// n8n refuses to run a node whose required Room ID is empty.
		roomId: generated.roomId.raw === '' ? 'room' : generated.roomId.raw,
		updateFields: updateFieldsOf(generated.updateFields),
		fieldsToClear: Array.isArray(generated.fieldsToClear)
			? generated.fieldsToClear
			: generated.fieldsToClear.raw,
	} as INodeParameters;
	// JSON mode reads JSON Body; the generated Update Fields are then still read (and compared).
	if (typeof generated.jsonBody.raw === 'string' && generated.jsonBody.raw.length % 2 === 0) {
		agilize.parameters.specifyBody = 'json';
		agilize.parameters.jsonBody = generated.jsonBody.raw;
	}
	return workflow;
}

test(`the parameter reader returns what getNodeParameter returns (${RUNS} × ${BATCH} items × ${NAMES_READ.length} parameters)`, async () => {
	const tally: Tally = { reads: 0, engineReads: 0, fromItem: 0, byForm: {}, differences: [] };
	const started = Date.now();
	await checkProperty(
		'parameter reader',
		fc.asyncProperty(
			generatedParameters,
			fc.array(json, { minLength: BATCH, maxLength: BATCH }),
			async (generated, items) => {
				const before = tally.differences.length;
				for (const leaf of [
					generated.roomId,
					...generated.updateFields.map((entry) => entry.form),
				]) {
					tally.byForm[leaf.kind] = (tally.byForm[leaf.kind] ?? 0) + BATCH;
				}
				const source = generatedItems(
					items.map(
						(item, index): INodeExecutionData => ({
							json: item as IDataObject,
							pairedItem: { item: index },
						}),
					),
				);
				const result = await runWorkflow(
					workflowFor(generated),
					{ agilizeApi: { apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9' } },
					{
						...fromSources,
						extraNodeTypes: { 'test.generatedItems': source, 'test.parameterProbe': probe(tally) },
					},
				);
				expect(result.error).toBeUndefined();
				expect(tally.differences.slice(before)).toEqual([]);
			},
		),
		RUNS,
	);
	const served = tally.reads - tally.engineReads;
	printSummary(
		`parameter reader: ${tally.reads} reads compared in ${((Date.now() - started) / 1000).toFixed(1)} s, 0 differences; ` +
			`${served} served by the reader (${tally.fromItem} of them with {{ $json.path }} leaves read from the item), ${tally.engineReads} handed to n8n's engine. ` +
			`Leaves generated: ${Object.entries(tally.byForm)
				.map(([kind, count]) => `${count} ${kind}`)
				.join(', ')}.`,
	);
	expect(tally.reads).toBe(RUNS * BATCH * NAMES_READ.length);
	// The property means something only if both paths were taken often.
	expect(served).toBeGreaterThan(tally.reads / 4);
	expect(tally.fromItem).toBeGreaterThan(tally.reads / 20);
	expect(tally.engineReads).toBeGreaterThan(tally.reads / 10);
}, 120_000);
