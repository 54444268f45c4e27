import fc from 'fast-check';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { fromSources, runWorkflow, type WorkflowJson } from '../harness/engine/runWorkflow';
import { generatedItems } from '../harness/engine/standInNodes';
import { AgilizeMock } from '../harness/mock/agilizeMock';
import { API_KEY, generatedItemsWorkflow } from '../harness/helpers';
import {
	anyRoomId,
	anyValue,
	fieldPaths,
	typedValue,
	updateFieldsWith,
	type FuzzCase,
} from './arbitraries';
import { checkProperty } from './checkProperty';
import { printSummary } from '../harness/summary';
import { check, Tally } from './oracle';

/**
 * The same property as requests.test.ts, with the values going through real `={{ $json… }}`
 * expressions: each generated value sits in an item's JSON (Dates, Luxon DateTimes, NaN and
 * all), and n8n's expression engine hands the node whatever it makes of it.
 */

const BATCH = 40;
const RUNS = Number(process.env.FUZZ_EXPRESSION_RUNS ?? 25);

function workflowFor(path: FuzzCase['path']): WorkflowJson {
	const { workflow, agilize } = generatedItemsWorkflow();
	agilize.onError = 'continueRegularOutput';
	agilize.parameters = {
		resource: 'chatRoom',
		operation: 'update',
		roomId: '={{ $json.roomId }}',
		updateFields: updateFieldsWith(path, '={{ $json.value }}') as INodeParameters,
		options: { concurrency: 8, maxRetries: 0 },
	};
	return workflow;
}

test(`generated values through real expressions (${RUNS} × ${BATCH}): sent as the contract allows, or refused naming field and item`, async () => {
	const mock = await new AgilizeMock({ apiKey: API_KEY, maxHeaderSize: 1 << 24 }).start();
	const tally = new Tally();
	const started = Date.now();
	// A quarter of the values are of the type the field takes, for the oracle's acceptance half.
	const batch = fc.constantFrom(...fieldPaths).chain((path) =>
		fc.record({
			path: fc.constant(path),
			items: fc.array(
				fc.record({
					roomId: anyRoomId,
					value: fc.oneof(
						{ arbitrary: anyValue, weight: 3 },
						{ arbitrary: typedValue(path), weight: 1 },
					),
				}),
				{
					minLength: BATCH,
					maxLength: BATCH,
				},
			),
		}),
	);
	try {
		await checkProperty(
			'fuzz through expressions',
			fc.asyncProperty(batch, async ({ path, items }) => {
				mock.resetCounters();
				const cases: FuzzCase[] = items.map(({ roomId, value }) => ({ roomId, value, path }));
				const source = generatedItems(
					items.map((json, index) => ({
						json: json as INodeExecutionData['json'],
						pairedItem: { item: index },
					})),
				);
				const result = await runWorkflow(
					workflowFor(path),
					{ agilizeApi: { apiKey: API_KEY, baseUrl: mock.baseUrl } },
					{
						...fromSources,
						extraNodeTypes: { 'test.generatedItems': source },
					},
				);
				expect(result.error).toBeUndefined();
				const everything = JSON.stringify(result.run, (_key, value: unknown) =>
					value instanceof Error
						? { ...value, message: value.message, stack: value.stack }
						: typeof value === 'bigint'
							? `${value}n`
							: value,
				);
				check(cases, result.output('Agilize'), mock.requests, everything, tally);
			}),
			RUNS,
		);
	} finally {
		await mock.stop();
	}
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	printSummary(
		`fuzz through expressions: ${tally.cases} generated items in ${seconds} s: ${tally.summary()}`,
		() => tally.details(),
	);
	expect(tally.cases).toBe(RUNS * BATCH);
	// The acceptance half of the oracle means something only if valid values were generated often.
	expect(tally.allowed).toBeGreaterThan(tally.cases / 30);
}, 120_000);
