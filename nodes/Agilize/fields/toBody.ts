import type { IDataObject } from 'n8n-workflow';

import { InvalidFieldValueError } from '../shared/inputErrors';
import { isPlainObject } from '../shared/values';
import { coerceLeaf } from './coerce';
import type { BodyField, LeafField } from './types';

/** Where a value came from, as the user reads it: "Update Fields: " and the like. */
interface Labels {
	prefix: string;
	timeZone: string;
}

const labelOf = (labels: Labels, displayName: string, apiPath: string) => `${labels.prefix}"${displayName}" (${apiPath})`;

/** Own properties only: a value's prototype is never read as if the user had set it. */
const own = (object: IDataObject, key: string): unknown => (Object.hasOwn(object, key) ? object[key] : undefined);

/** The keys of one nested object, empty ones dropped; `undefined` if nothing is left. */
function toObject(keys: LeafField[], values: unknown, parent: BodyField, labels: Labels, path: string) {
	if (values === undefined || values === null) return undefined;
	if (!isPlainObject(values)) {
		throw new InvalidFieldValueError(labelOf(labels, parent.displayName, path), 'must be an object');
	}
	const object: IDataObject = {};
	for (const key of keys) {
		const apiPath = `${path}.${key.name}`;
		const label = labelOf(labels, `${parent.displayName} › ${key.displayName}`, apiPath);
		const value = coerceLeaf(key, own(values, key.name), label, labels.timeZone);
		if (value !== undefined) object[key.name] = value as IDataObject[string];
	}
	return Object.keys(object).length ? object : undefined;
}

function toValue(field: BodyField, value: unknown, labels: Labels): unknown {
	switch (field.kind) {
		case 'object': {
			const group = isPlainObject(value) ? own(value, 'values') : value;
			return toObject(field.keys, group, field, labels, field.name);
		}
		case 'objectList': {
			const entries = isPlainObject(value) ? own(value, field.entryName) : value;
			if (entries === undefined || entries === null) return undefined;
			const list = (Array.isArray(entries) ? entries : [entries])
				.map((entry, index) =>
					toObject(field.keys, entry, field, labels, `${field.name}[${index}]`),
				)
				.filter((entry) => entry !== undefined);
			return list.length ? list : undefined;
		}
		default:
			return coerceLeaf(field, value, labelOf(labels, field.displayName, field.name), labels.timeZone);
	}
}

/**
 * The PATCH body for the values of a collection built from `fields`: each value converted to the
 * API's type, empty ones left out. Throws `InvalidFieldValueError` naming the first bad field.
 */
export function toBody(fields: BodyField[], values: IDataObject, timeZone: string, labelPrefix = ''): IDataObject {
	const labels: Labels = { prefix: labelPrefix, timeZone };
	const body: IDataObject = {};
	for (const field of fields) {
		if (!Object.hasOwn(values, field.name)) continue;
		const value = toValue(field, values[field.name], labels);
		if (value !== undefined) body[field.name] = value as IDataObject[string];
	}
	return body;
}
