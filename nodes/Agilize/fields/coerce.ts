import type { IDataObject } from 'n8n-workflow';

import { InvalidFieldValueError, isPlainObject, show } from '../shared/values';
import { parseDateTime } from './dateTime';
import type { LeafField } from './types';

/** n8n leaves untouched fields of fixed collections as '', and expressions can yield null. */
const isEmpty = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function toText(value: unknown, fail: (problem: string) => never): string {
	if (typeof value === 'string') return value;
	if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean')
		return String(value);
	return fail(`must be text, got ${show(value)}`);
}

function toStringList(value: unknown, fail: (problem: string) => never): string[] | undefined {
	const entries = Array.isArray(value) ? value : toText(value, fail).split(',');
	const list = entries
		.filter((entry) => !isEmpty(entry))
		.map((entry) => {
			if (typeof entry !== 'string' && !(typeof entry === 'number' && Number.isFinite(entry))) {
				return fail(
					`must be a comma-separated list or a list of text values, got ${show(entry)} in it`,
				);
			}
			return String(entry).trim();
		});
	return list.length ? list : undefined;
}

function toNumber(value: unknown, fail: (problem: string) => never): number {
	const number = typeof value === 'string' ? Number(value.trim()) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) {
		return fail(`must be a number, got ${show(value)}`);
	}
	return number;
}

function toBoolean(value: unknown, fail: (problem: string) => never): boolean {
	if (typeof value === 'boolean') return value;
	const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
	if (text === 'true') return true;
	if (text === 'false') return false;
	return fail(`must be true or false, got ${show(value)}`);
}

function toJsonObject(value: unknown, fail: (problem: string) => never): IDataObject | undefined {
	let object = value;
	if (typeof value === 'string') {
		try {
			object = JSON.parse(value) as unknown;
		} catch {
			return fail('must be a JSON object, but it is not valid JSON');
		}
	}
	if (!isPlainObject(object)) return fail(`must be a JSON object, got ${show(object)}`);
	// What an expression returns can hold Dates, NaN, undefined or worse; what is sent is its JSON.
	// Parsed text is JSON already.
	let json: unknown = object;
	if (typeof value !== 'string') {
		try {
			json = JSON.parse(JSON.stringify(object)) as unknown;
		} catch (error) {
			return fail(
				`must be a JSON object, but it cannot be written as JSON: ${(error as Error).message}`,
			);
		}
	}
	if (hasProtoKey(json)) return fail(PROTO_KEY_PROBLEM);
	return isPlainObject(json) && Object.keys(json).length ? json : undefined;
}

/** Keys n8n's request helper drops from a JSON body at any depth (its guard against prototype pollution). */
const DROPPED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const PROTO_KEY_PROBLEM =
	'must not contain the keys "__proto__", "constructor" or "prototype": n8n’s request helper drops them, so they would not be sent';

/** Whether parsed JSON holds a key n8n's request helper would drop, at any depth. */
export function hasProtoKey(value: unknown): boolean {
	if (typeof value !== 'object' || value === null) return false;
	if (Array.isArray(value)) return value.some(hasProtoKey);
	return Object.keys(value).some(
		(key) => DROPPED_KEYS.has(key) || hasProtoKey((value as IDataObject)[key]),
	);
}

function toOption(
	field: Extract<LeafField, { kind: 'options' }>,
	value: unknown,
	fail: (problem: string) => never,
) {
	const wantsNumber = typeof field.options[0].value === 'number';
	const candidate = wantsNumber && typeof value === 'string' ? Number(value.trim()) : value;
	const option = field.options.find((o) => o.value === candidate);
	if (option) return option.value;
	const allowed = field.options.map((o) =>
		wantsNumber ? `${o.value} (${o.name})` : `"${o.value}"`,
	);
	return fail(
		`must be ${allowed.length > 1 ? 'one of ' : ''}${allowed.join(', ')}, got ${show(value)}`,
	);
}

/**
 * The JSON value to send for one field, or `undefined` when the value is empty and the field is
 * left out of the body (PATCH leaves fields that are not sent unchanged).
 */
export function coerceLeaf(
	field: LeafField,
	value: unknown,
	label: string,
	timeZone: string,
): unknown {
	if (isEmpty(value)) return undefined;
	const fail = (problem: string): never => {
		throw new InvalidFieldValueError(label, problem);
	};
	switch (field.kind) {
		case 'string':
			return toText(value, fail);
		case 'stringList':
			return toStringList(value, fail);
		case 'boolean':
			return toBoolean(value, fail);
		case 'number':
			return toNumber(value, fail);
		case 'json':
			return toJsonObject(value, fail);
		case 'options':
			return toOption(field, value, fail);
		case 'dateTime': {
			const instant = parseDateTime(value, timeZone);
			if (instant === undefined) {
				return fail(
					`must be a date and time such as 2026-11-25T14:30:00 or 2026-11-25T14:30:00-03:00, got ${show(value)}`,
				);
			}
			const iso = new Date(instant).toISOString();
			// Past 9999 (or before year 0) toISOString writes an expanded year (+010000-…), which
			// the contract's date-time, with its four-digit year, does not allow.
			if (!/^\d{4}-/.test(iso))
				return fail(`must be a date and time in the years 0000 to 9999, got ${iso}`);
			return iso;
		}
	}
}
