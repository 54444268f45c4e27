import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { BodyField, LeafField } from './types';

const byDisplayName = (a: { displayName: string }, b: { displayName: string }) =>
	a.displayName.localeCompare(b.displayName);

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** "What it is. API field: name." — users can map each field to Agilize's own documentation. */
export function describe(field: { name: string; meaning: string }, apiPath = field.name): string {
	return `${field.meaning}. API field: ${apiPath}.`;
}

function leafProperty(field: LeafField, apiPath: string): INodeProperties {
	const base = {
		displayName: field.displayName,
		name: field.name,
		description: describe(field, apiPath),
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
				placeholder: field.placeholder ?? 'e.g. first, second',
				description: `${field.meaning}, as a comma-separated list or an array from an expression. API field: ${apiPath}.`,
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

function fieldProperty(field: BodyField): INodeProperties {
	switch (field.kind) {
		case 'object':
			return {
				displayName: field.displayName,
				name: field.name,
				description: describe(field),
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
				description: describe(field),
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
	return fields.map(fieldProperty).sort(byDisplayName);
}
