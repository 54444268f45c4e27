import type { IDataObject } from 'n8n-workflow';

import { InvalidFieldValueError, isPlainObject } from '../shared/values';
import { coerceLeaf, hasProtoKey, PROTO_KEY_PROBLEM } from './coerce';
import { isClearable, type BodyField, type LeafField } from './types';

/** Where a value came from, as the user reads it: "Update Fields: " and the like. */
interface Labels {
	prefix: string;
	timeZone: string;
}

const labelOf = (labels: Labels, displayName: string, apiPath: string) =>
	`${labels.prefix}"${displayName}" (${apiPath})`;

/** Own properties only: a value's prototype is never read as if the user had set it. */
const own = (object: IDataObject, key: string): unknown =>
	Object.hasOwn(object, key) ? object[key] : undefined;

/** The keys of one nested object, empty ones dropped; `undefined` if nothing is left. */
function toObject(
	keys: LeafField[],
	values: unknown,
	parent: BodyField,
	labels: Labels,
	path: string,
) {
	if (values === undefined || values === null) return undefined;
	if (!isPlainObject(values)) {
		throw new InvalidFieldValueError(
			labelOf(labels, parent.displayName, path),
			'must be an object',
		);
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
			return coerceLeaf(
				field,
				value,
				labelOf(labels, field.displayName, field.name),
				labels.timeZone,
			);
	}
}

/**
 * The PATCH body for the values of a collection built from `fields`: each value converted to the
 * API's type, empty ones left out. Throws `InvalidFieldValueError` naming the first bad field.
 */
export function toBody(
	fields: BodyField[],
	values: IDataObject,
	timeZone: string,
	labelPrefix = '',
): IDataObject {
	const labels: Labels = { prefix: labelPrefix, timeZone };
	const body: IDataObject = {};
	for (const field of fields) {
		if (!Object.hasOwn(values, field.name)) continue;
		const value = toValue(field, values[field.name], labels);
		if (value !== undefined) body[field.name] = value as IDataObject[string];
	}
	return body;
}

/** Built once per field table, not per item. */
const clearableByTable = new WeakMap<BodyField[], Map<string, BodyField>>();
function clearableByName(fields: BodyField[]): Map<string, BodyField> {
	let byName = clearableByTable.get(fields);
	if (!byName) {
		byName = new Map(fields.filter(isClearable).map((field) => [field.name, field]));
		clearableByTable.set(fields, byName);
	}
	return byName;
}

const CLEAR_LABEL = '"Fields to Clear" (fieldsToClear)';

/**
 * `body` with each field of `fieldsToClear` set to null. A field both cleared and set in
 * `updateValues` is a contradiction the user must resolve, so it is an error naming the field.
 */
export function applyClearing(
	fields: BodyField[],
	body: IDataObject,
	fieldsToClear: unknown,
	updateValues: IDataObject,
): IDataObject {
	if (fieldsToClear === undefined || fieldsToClear === null || fieldsToClear === '') return body;
	const names =
		typeof fieldsToClear === 'string'
			? fieldsToClear
					.split(',')
					.map((name) => name.trim())
					.filter(Boolean)
			: fieldsToClear;
	if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) {
		throw new InvalidFieldValueError(CLEAR_LABEL, 'must be a list of API field names');
	}
	const byName = clearableByName(fields);
	const cleared: IDataObject = { ...body };
	for (const name of names as string[]) {
		const field = byName.get(name);
		if (!field) {
			throw new InvalidFieldValueError(
				CLEAR_LABEL,
				`cannot clear "${name}": it is not an API field that can be cleared`,
			);
		}
		if (Object.hasOwn(updateValues, name)) {
			throw new InvalidFieldValueError(
				`"${field.displayName}" (${name})`,
				'is both in Fields to Clear and in Update Fields: remove it from one of them',
			);
		}
		cleared[name] = null;
	}
	return cleared;
}

const JSON_BODY_LABEL = '"JSON Body" (jsonBody)';

/** Built once per field table, not per item. */
const namesByTable = new WeakMap<BodyField[], Set<string>>();
function topLevelApiNames(fields: BodyField[]): Set<string> {
	let names = namesByTable.get(fields);
	if (!names) {
		names = new Set(fields.map((field) => field.name));
		namesByTable.set(fields, names);
	}
	return names;
}

/**
 * The body as the user wrote it: a JSON object, sent as given (date-times included). Keys that
 * are not API fields are an error unless `allowUnknownFields`, since a typo would otherwise be
 * sent and silently ignored by the API.
 */
export function parseJsonBody(
	fields: BodyField[],
	value: unknown,
	allowUnknownFields: boolean,
): IDataObject {
	let body = value;
	if (typeof value === 'string') {
		let syntaxError: string | undefined;
		try {
			body = JSON.parse(value) as unknown;
		} catch (error) {
			syntaxError = (error as Error).message;
		}
		if (syntaxError !== undefined) {
			throw new InvalidFieldValueError(JSON_BODY_LABEL, `is not valid JSON: ${syntaxError}`);
		}
	}
	if (!isPlainObject(body)) {
		const got = Array.isArray(body) ? 'a list' : JSON.stringify(body);
		throw new InvalidFieldValueError(
			JSON_BODY_LABEL,
			`must be a JSON object such as {"department": "sales"}, got ${got}`,
		);
	}
	if (hasProtoKey(body)) throw new InvalidFieldValueError(JSON_BODY_LABEL, PROTO_KEY_PROBLEM);
	if (!allowUnknownFields) {
		const known = topLevelApiNames(fields);
		const unknown = Object.keys(body).filter((key) => !known.has(key));
		if (unknown.length) {
			throw new InvalidFieldValueError(
				JSON_BODY_LABEL,
				`has keys that are not fields of the Agilize API: ${unknown.join(', ')} (turn on "Allow Unknown Fields" to send them anyway)`,
			);
		}
	}
	return body;
}
