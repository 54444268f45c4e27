import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { applyClearing, parseJsonBody, toBody } from '../fields/toBody';
import { toClearOptions, toProperties, toProperty } from '../fields/toProperties';
import type { BodyField } from '../fields/types';
import { InvalidFieldValueError, InvalidInputError, show } from '../shared/values';
import type { OperationContext } from './operations';

/**
 * The parameters that give an operation's JSON body, the same for every resource: Specify Body
 * (fields or JSON), the fields, and the JSON body. Updates have Update Fields and Fields to Clear;
 * creates have their required fields at the top and Additional Fields.
 */

/** Which operation the parameters are shown for. */
export interface ShownFor {
	resource: string;
	operation: string;
}

export const showFor = ({ resource, operation }: ShownFor, specifyBody?: 'fields' | 'json') => ({
	show: {
		resource: [resource],
		operation: [operation],
		...(specifyBody ? { specifyBody: [specifyBody] } : {}),
	},
});

function specifyBodyProperty(shown: ShownFor): INodeProperties {
	return {
		displayName: 'Specify Body',
		name: 'specifyBody',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
		description: 'Whether to build the request body from the fields below or to give it as JSON',
		displayOptions: showFor(shown),
	};
}

function jsonProperties(
	shown: ShownFor,
	jsonBody: string,
	unknownKeys: boolean,
): INodeProperties[] {
	return [
		{
			displayName: 'JSON Body',
			name: 'jsonBody',
			type: 'json',
			default: '{}',
			description: jsonBody,
			displayOptions: showFor(shown, 'json'),
		},
		...(unknownKeys
			? []
			: [
					{
						displayName: 'Allow Unknown Fields',
						name: 'allowUnknownFields',
						type: 'boolean' as const,
						default: false,
						description:
							'Whether to send keys of the JSON body that are not documented fields of the Agilize API instead of failing',
						displayOptions: showFor(shown, 'json'),
					},
				]),
	];
}

/** How an update's parameters speak of what it changes. */
export interface UpdateBody {
	fields: BodyField[];
	/** "the room", "the stage". */
	record: string;
	/** Fields to Clear's example: "User and Department to unassign it". */
	clearExample: string;
	/** JSON Body's example: `{"department": "sales"}`. */
	jsonExample: string;
}

export function updateBodyProperties(shown: ShownFor, update: UpdateBody): INodeProperties[] {
	const { fields, record } = update;
	return [
		specifyBodyProperty(shown),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: `Fields to change on ${record}; fields not added here stay as they are`,
			displayOptions: showFor(shown, 'fields'),
			options: toProperties(fields),
		},
		{
			displayName: 'Fields to Clear',
			name: 'fieldsToClear',
			type: 'multiOptions',
			default: [],
			description: `Fields to empty on ${record}, sent as null: for example ${update.clearExample}. A field cannot be both cleared and set.`,
			displayOptions: showFor(shown, 'fields'),
			options: toClearOptions(fields),
		},
		...jsonProperties(
			shown,
			`The request body as a JSON object of API fields, sent as given, for example ${update.jsonExample}`,
			false,
		),
	];
}

const read = (context: OperationContext, itemIndex: number) => (name: string, fallback: unknown) =>
	context.parameter(name, itemIndex, fallback);

/** An update's body for one item, from the fields (with clearing) or from the JSON body. */
export function readUpdateBody(
	update: UpdateBody,
	context: OperationContext,
	itemIndex: number,
): IDataObject {
	const { fields } = update;
	const parameter = read(context, itemIndex);
	let body: IDataObject;
	if (parameter('specifyBody', 'fields') === 'json') {
		const allowUnknownFields = parameter('allowUnknownFields', false) === true;
		body = parseJsonBody(fields, parameter('jsonBody', '{}'), allowUnknownFields);
	} else {
		const updateValues = parameter('updateFields', {}) as IDataObject;
		// Values of Update Fields say where they are, as those of the other sources do.
		const set = toBody(fields, updateValues, context.timeZone, 'Update Fields: ');
		body = applyClearing(fields, set, parameter('fieldsToClear', []), updateValues);
	}
	if (Object.keys(body).length === 0) {
		throw new InvalidInputError(
			'Nothing to update: add at least one field under "Update Fields" or "Fields to Clear", or a key to the JSON body',
			'Fields left empty are not sent, so the request would change nothing.',
		);
	}
	return body;
}

/** How a create's parameters speak of what it creates. */
export interface CreateBody {
	/** Every body field; those named in `required` are parameters of their own. */
	fields: BodyField[];
	/** API names of the fields every create must send (text), shown at the top. */
	required: string[];
	/** Whether the JSON body may hold any key (the API's fields are not all documented). */
	anyJsonKey: boolean;
	/** JSON Body's example. */
	jsonExample: string;
}

/** A create's fields split into required and optional, once per operation rather than per item. */
const splitByCreate = new WeakMap<CreateBody, { required: BodyField[]; optional: BodyField[] }>();
function split(create: CreateBody) {
	let fields = splitByCreate.get(create);
	if (!fields) {
		fields = {
			required: create.required.map(
				(name) => create.fields.find((field) => field.name === name) as BodyField,
			),
			optional: create.fields.filter((field) => !create.required.includes(field.name)),
		};
		splitByCreate.set(create, fields);
	}
	return fields;
}
const requiredFields = (create: CreateBody) => split(create).required;
const optionalFields = (create: CreateBody) => split(create).optional;

export function createBodyProperties(shown: ShownFor, create: CreateBody): INodeProperties[] {
	return [
		...requiredFields(create).map((field) => ({
			...toProperty(field),
			required: true,
			displayOptions: showFor(shown, 'fields'),
		})),
		specifyBodyProperty(shown),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'Optional fields to send; fields not added here are not sent',
			displayOptions: showFor(shown, 'fields'),
			options: toProperties(optionalFields(create)),
		},
		...jsonProperties(
			shown,
			`The whole request body as a JSON object, sent as given, for example ${create.jsonExample}`,
			create.anyJsonKey,
		),
	];
}

const labelOf = (field: BodyField) => `"${field.displayName}" (${field.name})`;

/** A create's body for one item: the required fields and Additional Fields, or the JSON body. */
export function readCreateBody(
	create: CreateBody,
	context: OperationContext,
	itemIndex: number,
): IDataObject {
	const parameter = read(context, itemIndex);
	const required = requiredFields(create);
	if (parameter('specifyBody', 'fields') === 'json') {
		const allowUnknownFields = create.anyJsonKey || parameter('allowUnknownFields', false) === true;
		const body = parseJsonBody(create.fields, parameter('jsonBody', '{}'), allowUnknownFields);
		const missing = required.filter(({ name }) => {
			const value = body[name];
			return value === undefined || value === null || value === '';
		});
		if (missing.length) {
			const names = missing.map(({ name }) => name).join(' and ');
			throw new InvalidFieldValueError(
				'"JSON Body" (jsonBody)',
				`must hold ${names}: ${missing.length === 1 ? 'it is' : 'they are'} required`,
				`Add ${missing.map(({ name }) => `"${name}"`).join(' and ')} to the JSON body.`,
			);
		}
		for (const { name } of required) {
			if (typeof body[name] !== 'string') {
				throw new InvalidFieldValueError(
					'"JSON Body" (jsonBody)',
					`must hold ${name} as text, got ${show(body[name])}`,
				);
			}
		}
		return body;
	}
	const requiredValues: IDataObject = {};
	for (const field of required) {
		requiredValues[field.name] = parameter(field.name, '') as IDataObject[string];
	}
	const body = toBody(required, requiredValues, context.timeZone);
	for (const field of required) {
		if (body[field.name] === undefined) {
			throw new InvalidFieldValueError(
				labelOf(field),
				'is required',
				`Set ${field.displayName} to a value, or to an expression that gives one for every item.`,
			);
		}
	}
	const additional = parameter('additionalFields', {}) as IDataObject;
	return {
		...body,
		...toBody(optionalFields(create), additional, context.timeZone, 'Additional Fields: '),
	};
}
