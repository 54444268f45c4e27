import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { isClearable, type BodyField, type LeafField } from './types';

const byDisplayName = (a: { displayName: string }, b: { displayName: string }) =>
	a.displayName.localeCompare(b.displayName);

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** How to write a value of each kind, for people and for AI agents filling the field. */
const HOW_TO_WRITE: Partial<Record<LeafField['kind'], string>> = {
	stringList: 'A comma-separated list, e.g. vip, lead, or an array.',
	dateTime:
		'An ISO 8601 date and time, e.g. 2026-11-25T14:30:00-03:00; without an offset, the workflow’s timezone applies.',
	json: 'A JSON object, e.g. {"key": "value"}.',
	number: 'A number.',
};

/** "What it is. How to write it. API field: name." — maps each field to Agilize's own docs. */
function describeField(
	field: { name: string; meaning: string; kind?: string },
	apiPath = field.name,
): string {
	const how = HOW_TO_WRITE[field.kind as LeafField['kind']];
	return `${field.meaning}.${how ? ` ${how}` : ''} API field: ${apiPath}.`;
}

function leafProperty(field: LeafField, apiPath: string): INodeProperties {
	const base = {
		displayName: field.displayName,
		name: field.name,
		description: describeField(field, apiPath),
		...(field.placeholder ? { placeholder: field.placeholder } : {}),
	};
	switch (field.kind) {
		case 'string':
			return { ...base, type: 'string', default: '' };
		case 'stringList':
			return {
				...base,
				type: 'string',
				default: '',
				placeholder: field.placeholder ?? 'e.g. vip, lead',
			};
		case 'boolean':
			return { ...base, type: 'boolean', default: false };
		case 'number':
			return { ...base, type: 'number', default: 0 };
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '' };
		case 'json':
			return { ...base, type: 'json', default: '{}' };
		case 'options':
			return {
				...base,
				type: 'options',
				options: field.options.map((option) => ({ ...option })).sort(byName),
				default: field.options[0].value,
			};
	}
}

/** The UI property of one body field: a leaf, a fixed collection, or a list of them. */
export function toProperty(field: BodyField): INodeProperties {
	switch (field.kind) {
		case 'object':
			return {
				displayName: field.displayName,
				name: field.name,
				description: describeField(field),
				type: 'fixedCollection',
				placeholder: `Add ${field.displayName}`,
				default: {},
				options: [
					{
						displayName: field.displayName,
						name: 'values',
						values: field.keys.map((key) => leafProperty(key, `${field.name}.${key.name}`)),
					},
				],
			};
		case 'objectList':
			return {
				displayName: field.displayName,
				name: field.name,
				description: describeField(field),
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: `Add ${field.entryDisplayName}`,
				default: {},
				options: [
					{
						displayName: field.entryDisplayName,
						name: field.entryName,
						values: field.keys.map((key) => leafProperty(key, `${field.name}[].${key.name}`)),
					},
				],
			};
		default:
			return leafProperty(field, field.name);
	}
}

/** The collection options for a table of body fields, sorted by display name as n8n's UI expects. */
export function toProperties(fields: BodyField[]): INodeProperties[] {
	return fields.map(toProperty).sort(byDisplayName);
}

/** The options of Fields to Clear: every field that can be cleared, by display name. */
export function toClearOptions(fields: BodyField[]): INodePropertyOptions[] {
	return fields
		.filter(isClearable)
		.map((field) => ({
			name: field.displayName,
			value: field.name,
			description: `Sends ${field.name}: null`,
		}))
		.sort(byName);
}
