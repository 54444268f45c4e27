import type { IDataObject } from 'n8n-workflow';

import { InvalidFieldValueError } from '../shared/inputErrors';
import { isPlainObject } from '../shared/values';
import { hasProtoKey, PROTO_KEY_PROBLEM } from './coerce';
import type { BodyField } from './types';

const LABEL = '"JSON Body" (jsonBody)';

/** Built once per field table, not per item. */
const namesByTable = new WeakMap<BodyField[], Set<string>>();
function apiNames(fields: BodyField[]): Set<string> {
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
export function parseJsonBody(fields: BodyField[], value: unknown, allowUnknownFields: boolean): IDataObject {
	let body = value;
	if (typeof value === 'string') {
		let syntaxError: string | undefined;
		try {
			body = JSON.parse(value) as unknown;
		} catch (error) {
			syntaxError = (error as Error).message;
		}
		if (syntaxError !== undefined) throw new InvalidFieldValueError(LABEL, `is not valid JSON: ${syntaxError}`);
	}
	if (!isPlainObject(body)) {
		throw new InvalidFieldValueError(LABEL, `must be a JSON object such as {"department": "sales"}, got ${Array.isArray(body) ? 'a list' : JSON.stringify(body)}`);
	}
	if (hasProtoKey(body)) throw new InvalidFieldValueError(LABEL, PROTO_KEY_PROBLEM);
	if (!allowUnknownFields) {
		const known = apiNames(fields);
		const unknown = Object.keys(body).filter((key) => !known.has(key));
		if (unknown.length) {
			throw new InvalidFieldValueError(
				LABEL,
				`has keys that are not fields of the Agilize API: ${unknown.join(', ')} (turn on "Allow Unknown Fields" to send them anyway)`,
			);
		}
	}
	return body;
}
