import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { update as funnelStageUpdate } from '../../nodes/Agilize/actions/funnelStage/update.operation';
import { create as leadCreate } from '../../nodes/Agilize/actions/lead/create.operation';
import { create as messageTemplateCreate } from '../../nodes/Agilize/actions/messageTemplate/create.operation';
import type { Operation } from '../../nodes/Agilize/actions/operations';
import { funnelStageFields } from '../../nodes/Agilize/fields/funnelStageFields';
import { leadFields } from '../../nodes/Agilize/fields/leadFields';
import { messageTemplateFields } from '../../nodes/Agilize/fields/messageTemplateFields';
import type { BodyField, LeafField } from '../../nodes/Agilize/fields/types';
import { InvalidInputError } from '../../nodes/Agilize/shared/values';
import { contractBodyFields, contractNestedKeys, type ContractFile } from '../harness/contract';
import { anyValue } from './arbitraries';

/**
 * Every operation but the room update (whose own fuzz goes through n8n's engine), built from each
 * contract's table: generated values in every field of the node's table, valid ones and values of
 * any kind an expression can return. Each item's request must hold only what its contract allows,
 * each value of its contract type, or the item must be refused with an error naming a field; an
 * item of valid values only must be sent, each value as given.
 */

interface Spec {
	operation: Operation;
	file: ContractFile;
	fields: BodyField[];
	/** Parameters of their own at the top (required), the rest in `collection`. */
	required: string[];
	collection: 'updateFields' | 'additionalFields';
	method: string;
	path: RegExp;
}

const SPECS: Spec[] = [
	{
		operation: leadCreate,
		file: 'lead-create.md',
		fields: leadFields,
		required: ['name'],
		collection: 'additionalFields',
		method: 'POST',
		path: /^\/crm\/lead\/lead$/,
	},
	{
		operation: funnelStageUpdate,
		file: 'funnel-stage-update.md',
		fields: funnelStageFields,
		required: [],
		collection: 'updateFields',
		method: 'PATCH',
		path: /^\/crm\/lead\/stage\/[^/]+$/,
	},
	{
		operation: messageTemplateCreate,
		file: 'message-template-create.md',
		fields: messageTemplateFields,
		required: ['business', 'phone'],
		collection: 'additionalFields',
		method: 'POST',
		path: /^\/messenger\/chat\/messageTemplate$/,
	},
];

const text = fc.string({ minLength: 1 }).filter((value) => value.trim() !== '');
const isoInstant = fc
	.integer({ min: Date.parse('1970-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') })
	.map((ms) => new Date(ms).toISOString());

/** A value the field takes, in the form the node sends it. */
function validValue(field: LeafField): fc.Arbitrary<unknown> {
	switch (field.kind) {
		case 'string':
			return text;
		case 'stringList':
			return fc.array(
				text.map((value) => value.trim()),
				{ minLength: 1, maxLength: 3 },
			);
		case 'boolean':
			return fc.boolean();
		case 'number':
			return fc.integer();
		case 'dateTime':
			return isoInstant;
		case 'json':
			return fc.dictionary(fc.constantFrom('a', 'type', 'text'), text, { minKeys: 1 });
		case 'options':
			return fc.constantFrom(...field.options.map((option) => option.value));
	}
}

/** One field as n8n stores it in a collection, and what the body must then hold (valid only). */
function fieldValue(field: BodyField, valid: boolean): fc.Arbitrary<[unknown, unknown]> {
	if (field.kind === 'objectList') {
		const entry = fc.record(
			Object.fromEntries(
				field.keys.map((key) => [
					key.name,
					valid ? validValue(key) : fc.oneof(validValue(key), anyValue),
				]),
			),
		);
		return fc
			.array(entry, { minLength: 1, maxLength: 3 })
			.map((entries) => [{ [field.entryName]: entries }, entries]);
	}
	if (field.kind === 'object') throw new Error('no object fields in these tables');
	const value = valid ? validValue(field) : fc.oneof(validValue(field), anyValue);
	return value.map((generated) => [generated, generated]);
}

interface Case {
	valid: boolean;
	id: unknown;
	/** By API name: [as n8n stores it, as the body must hold it]. */
	values: Record<string, [unknown, unknown]>;
}

const caseFor = (spec: Spec) =>
	fc.boolean().chain((valid) =>
		fc.record({
			valid: fc.constant(valid),
			// A path segment may be anything but empty, "." and "..".
			id: valid ? text.filter((id) => !['.', '..'].includes(id.trim())) : fc.oneof(text, anyValue),
			// Required fields in every valid item, and in most others.
			values: fc
				.tuple(
					valid ? fc.constant(true) : fc.boolean(),
					fc.subarray(spec.fields.filter(({ name }) => !spec.required.includes(name))),
				)
				.chain(([withRequired, optional]) => {
					const required = withRequired
						? spec.fields.filter(({ name }) => spec.required.includes(name))
						: [];
					const fields = [...required, ...optional];
					return fc
						.tuple(...fields.map((field) => fieldValue(field, valid)))
						.map((pairs) => Object.fromEntries(fields.map((field, i) => [field.name, pairs[i]])));
				}),
		}),
	) as fc.Arbitrary<Case>;

/** The parameters of one item, as the operation reads them. */
function parametersOf(spec: Spec, fuzz: Case): Record<string, unknown> {
	const collection: IDataObject = {};
	const parameters: Record<string, unknown> = { stageId: fuzz.id };
	for (const [name, [stored]] of Object.entries(fuzz.values)) {
		if (spec.required.includes(name)) parameters[name] = stored;
		else collection[name] = stored as IDataObject[string];
	}
	parameters[spec.collection] = collection;
	return parameters;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with `body` by the contract file itself (not the node's table). */
function problemsOf(spec: Spec, body: IDataObject): string[] {
	const types = new Map(contractBodyFields(spec.file).map((field) => [field.name, field.type]));
	const problems: string[] = [];
	for (const [key, value] of Object.entries(body)) {
		const type = types.get(key);
		const ok = (() => {
			switch (type) {
				case 'string':
					return typeof value === 'string' && value.trim() !== '';
				case 'string[]':
					return (
						Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')
					);
				case 'boolean':
					return typeof value === 'boolean';
				case 'number':
					return typeof value === 'number' && Number.isFinite(value);
				case 'date-time':
					return typeof value === 'string' && ISO.test(value);
				case 'object':
					return isObject(value);
				case 'object[]': {
					const keys = new Set(contractNestedKeys(key, spec.file));
					return (
						Array.isArray(value) &&
						value.length > 0 &&
						value.every(
							(entry) =>
								isObject(entry) &&
								Object.keys(entry).length > 0 &&
								Object.entries(entry).every(([k, v]) => keys.has(k) && typeof v === 'string'),
						)
					);
				}
				default:
					return false;
			}
		})();
		if (!ok) problems.push(`${key} (${type ?? 'not in the contract'}): ${JSON.stringify(value)}`);
	}
	for (const name of spec.required) if (body[name] === undefined) problems.push(`${name} missing`);
	return problems;
}

describe.each(SPECS)('$operation.option.action', (spec) => {
	test('generated items: sent as the contract allows, or refused naming a field', () => {
		let sent = 0;
		let refused = 0;
		fc.assert(
			fc.property(caseFor(spec), (fuzz) => {
				const parameters = parametersOf(spec, fuzz);
				const context = {
					parameter: (name: string, _item: number, fallback?: unknown) =>
						name in parameters ? parameters[name] : fallback,
					timeZone: 'America/Sao_Paulo',
				};
				let request;
				try {
					request = spec.operation.request(context, 0);
				} catch (error) {
					refused++;
					// An item of valid values is refused only when it sets nothing at all.
					expect(fuzz.valid && Object.keys(fuzz.values).length > 0).toBe(false);
					expect(error).toBeInstanceOf(InvalidInputError);
					expect((error as Error).message).toMatch(
						/^(Additional Fields: |Update Fields: )?"[^"]+" \([^)]+\) |^Nothing to update/,
					);
					return;
				}
				sent++;
				expect([request.method, spec.path.test(request.path)]).toEqual([spec.method, true]);
				const body = request.body as IDataObject;
				expect(problemsOf(spec, body)).toEqual([]);
				if (fuzz.valid) {
					const expected = Object.fromEntries(
						Object.entries(fuzz.values).map(([name, [, inBody]]) => [name, inBody]),
					);
					expect(body).toEqual(expected);
				}
			}),
			{ numRuns: 1000 },
		);
		// Both halves of the oracle were exercised.
		expect(sent).toBeGreaterThan(300);
		expect(refused).toBeGreaterThan(50);
	});
});
