import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { InvalidFieldValueError } from '../shared/inputErrors';
import type { BodyField } from './types';

/** Fields that can be cleared by sending null: all but the booleans, which are cleared by false. */
export const clearable = (fields: BodyField[]) => fields.filter((field) => field.kind !== 'boolean');

/** Built once per field table, not per item. */
const clearableByTable = new WeakMap<BodyField[], Map<string, BodyField>>();
function clearableByName(fields: BodyField[]): Map<string, BodyField> {
	let byName = clearableByTable.get(fields);
	if (!byName) {
		byName = new Map(clearable(fields).map((field) => [field.name, field]));
		clearableByTable.set(fields, byName);
	}
	return byName;
}

export function toClearOptions(fields: BodyField[]): INodePropertyOptions[] {
	return clearable(fields)
		.map((field) => ({ name: field.displayName, value: field.name, description: `Sends ${field.name}: null` }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

const LABEL = '"Fields to Clear" (fieldsToClear)';

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
	const names = typeof fieldsToClear === 'string' ? fieldsToClear.split(',').map((name) => name.trim()).filter(Boolean) : fieldsToClear;
	if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) {
		throw new InvalidFieldValueError(LABEL, 'must be a list of API field names');
	}
	const byName = clearableByName(fields);
	const cleared: IDataObject = { ...body };
	for (const name of names as string[]) {
		const field = byName.get(name);
		if (!field) throw new InvalidFieldValueError(LABEL, `cannot clear "${name}": it is not an API field that can be cleared`);
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
