import type { IDataObject } from 'n8n-workflow';

import { coerceLeaf, InvalidFieldValueError, isPlainObject } from './coerce';
import type { BodyField, LeafField } from './types';

const labelOf = (displayName: string, apiPath: string) => `"${displayName}" (${apiPath})`;

/** The keys of one nested object, empty ones dropped; `undefined` if nothing is left. */
function toObject(keys: LeafField[], values: unknown, parent: BodyField, timeZone: string, path: string) {
	if (values === undefined || values === null) return undefined;
	if (!isPlainObject(values)) {
		throw new InvalidFieldValueError(labelOf(parent.displayName, path), 'must be an object');
	}
	const object: IDataObject = {};
	for (const key of keys) {
		const apiPath = `${path}.${key.name}`;
		const label = labelOf(`${parent.displayName} › ${key.displayName}`, apiPath);
		const value = coerceLeaf(key, values[key.name], label, timeZone);
		if (value !== undefined) object[key.name] = value as IDataObject[string];
	}
	return Object.keys(object).length ? object : undefined;
}

function toValue(field: BodyField, value: unknown, timeZone: string): unknown {
	switch (field.kind) {
		case 'object': {
			const group = isPlainObject(value) ? value.values : value;
			return toObject(field.keys, group, field, timeZone, field.name);
		}
		case 'objectList': {
			const entries = isPlainObject(value) ? value[field.entryName] : value;
			if (entries === undefined || entries === null) return undefined;
			const list = (Array.isArray(entries) ? entries : [entries])
				.map((entry, index) =>
					toObject(field.keys, entry, field, timeZone, `${field.name}[${index}]`),
				)
				.filter((entry) => entry !== undefined);
			return list.length ? list : undefined;
		}
		default:
			return coerceLeaf(field, value, labelOf(field.displayName, field.name), timeZone);
	}
}

/**
 * The PATCH body for the values of a collection built from `fields`: each value converted to the
 * API's type, empty ones left out. Throws `InvalidFieldValueError` naming the first bad field.
 */
export function toBody(fields: BodyField[], values: IDataObject, timeZone: string): IDataObject {
	const body: IDataObject = {};
	for (const field of fields) {
		if (!(field.name in values)) continue;
		const value = toValue(field, values[field.name], timeZone);
		if (value !== undefined) body[field.name] = value as IDataObject[string];
	}
	return body;
}
