import { DateTime } from 'luxon';

import { contractBodyFields, contractNestedKeys } from '../harness/contract';
import type { FieldPath } from './arbitraries';

/**
 * Checks a request body against the contract file itself (not the node's field table): every key
 * a documented field, every value of its documented JSON type; null only where the field was cleared.
 */
const TYPES = new Map(contractBodyFields().map((field) => [field.name, field.type]));
const NESTED = new Map(
	['info', 'utm', 'utmClick'].map((name) => [name, new Set(contractNestedKeys(name))]),
);
/** `idleRules [ { rule: string, idleNextAt: date-time, idleStep: number } ]`, as the contract writes it. */
const IDLE_RULE_TYPES: Record<string, string> = {
	rule: 'string',
	idleNextAt: 'date-time',
	idleStep: 'number',
};

const ISO_INSTANT = /^(\d{4}|[+-]\d{6})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' &&
	value !== null &&
	!Array.isArray(value) &&
	Object.getPrototypeOf(value) === Object.prototype;

function typeProblem(type: string, value: unknown): string | undefined {
	switch (type) {
		case 'string':
			return typeof value === 'string' ? undefined : 'not a string';
		case 'string[]':
			return Array.isArray(value) &&
				value.length > 0 &&
				value.every((entry) => typeof entry === 'string')
				? undefined
				: 'not a list of strings';
		case 'boolean':
			return typeof value === 'boolean' ? undefined : 'not a boolean';
		case 'number':
			return typeof value === 'number' && Number.isFinite(value)
				? undefined
				: 'not a finite number';
		case 'date-time':
			return typeof value === 'string' &&
				ISO_INSTANT.test(value) &&
				!Number.isNaN(Date.parse(value))
				? undefined
				: 'not an ISO instant';
		default:
			return `unknown type ${type}`;
	}
}

/** What is wrong with `body` (as the server parsed it); empty when nothing is. */
export function bodyProblems(body: unknown, cleared: ReadonlySet<string>): string[] {
	if (!isObject(body)) return ['the body is not a JSON object'];
	const problems: string[] = [];
	for (const [key, value] of Object.entries(body)) {
		const type = TYPES.get(key);
		const at = (problem: string) => problems.push(`${key}: ${problem}`);
		if (type === undefined) {
			at('not a contract field');
		} else if (value === null) {
			if (!cleared.has(key)) at('null without being cleared');
		} else if (type === 'object') {
			const keys = NESTED.get(key);
			if (!isObject(value) || Object.keys(value).length === 0) at('not a non-empty object');
			else if (keys) {
				for (const [nestedKey, nested] of Object.entries(value)) {
					if (!keys.has(nestedKey)) at(`${nestedKey} is not a key of ${key}`);
					else if (typeof nested !== 'string') at(`${nestedKey} is not a string`);
				}
			}
		} else if (type === 'object[]') {
			if (!Array.isArray(value) || value.length === 0) at('not a non-empty list');
			else {
				for (const entry of value) {
					if (!isObject(entry) || Object.keys(entry).length === 0)
						at('an entry is not a non-empty object');
					else {
						for (const [nestedKey, nested] of Object.entries(entry)) {
							const nestedType = IDLE_RULE_TYPES[nestedKey];
							const problem = nestedType
								? typeProblem(nestedType, nested)
								: 'not a key of the entries';
							if (problem) at(`${nestedKey} ${problem}`);
						}
					}
				}
			}
		} else {
			const problem = typeProblem(type, value);
			if (problem) at(problem);
		}
	}
	return problems;
}

/**
 * The values the contract's meaning column restricts a field to: `chSrc` "1 WhatsApp, 2 Facebook,
 * 3 Instagram, 4 SMS"; `chIdType` "only value accepted: wa_user_id".
 */
const ENUMS: Record<string, unknown[]> = { chSrc: [1, 2, 3, 4], chIdType: ['wa_user_id'] };

/** An ISO date-time with its offset spelt out: it names one instant whatever the time zone. */
const ISO_WITH_OFFSET =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Instants whose ISO text has a four-digit year in every time zone: ISO 8601 writes years beyond
 * 9999 (or before year 1) only in an expanded form the parties must agree on, which the contract
 * does not. (An expression hands a Luxon DateTime over as its ISO text in its own zone.)
 */
const FOUR_DIGIT_YEARS = [Date.parse('0001-01-02T00:00:00Z'), Date.parse('9999-12-30T23:59:59Z')];

/** The ISO instant a generated value denotes, when it is unambiguously a date-time. */
function instantOf(value: unknown): string | undefined {
	const iso = instantOfAnyYear(value);
	if (iso === undefined) return undefined;
	const instant = Date.parse(iso);
	return instant >= FOUR_DIGIT_YEARS[0] && instant <= FOUR_DIGIT_YEARS[1] ? iso : undefined;
}

function instantOfAnyYear(value: unknown): string | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	// An expression hands a DateTime over as its ISO text, whose offset has no seconds: a zone's
	// local mean time before standard time (Sao Paulo's -03:06:28 in 1900) would lose them.
	if (DateTime.isDateTime(value))
		return value.isValid && Number.isInteger(value.offset)
			? value.toJSDate().toISOString()
			: undefined;
	if (typeof value !== 'string') return undefined;
	const match = ISO_WITH_OFFSET.exec(value);
	const instant = Date.parse(value);
	if (!match || Number.isNaN(instant)) return undefined;
	// Date.parse rolls 2026-02-30 over to March: the wall clock must read back as written.
	const [, y, mo, d, h, mi, , offset] = match;
	const sign = offset.startsWith('-') ? -1 : 1;
	const offsetMs =
		offset === 'Z'
			? 0
			: sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
	const wallClock = new Date(instant + offsetMs).toISOString();
	return wallClock.startsWith(`${y}-${mo}-${d}T${h}:${mi}`)
		? new Date(instant).toISOString()
		: undefined;
}

/** Free-form JSON: a non-empty object, as JSON writes it, with no key n8n's request helper drops. */
function freeObjectOf(value: unknown): unknown {
	if (
		typeof value !== 'object' ||
		value === null ||
		Array.isArray(value) ||
		value instanceof Date ||
		DateTime.isDateTime(value)
	)
		return undefined;
	let json: unknown;
	try {
		json = JSON.parse(JSON.stringify(value)) as unknown;
	} catch {
		return undefined;
	}
	const dropped = (entry: unknown): boolean =>
		typeof entry === 'object' &&
		entry !== null &&
		Object.entries(entry).some(
			([key, nested]) => ['__proto__', 'constructor', 'prototype'].includes(key) || dropped(nested),
		);
	return isObject(json) && Object.keys(json).length > 0 && !dropped(json) ? json : undefined;
}

/**
 * What a value of the contract's own JSON type must be sent as, or `undefined` when `value` is
 * not one. Text that is blank is not one: the node leaves empty fields out, as n8n leaves
 * untouched fields ''. Lists must hold trimmed, non-empty text (the node trims entries).
 */
function asContractType(type: string, value: unknown, allowed?: unknown[]): unknown {
	if (allowed) return allowed.includes(value) ? value : undefined;
	switch (type) {
		case 'string':
			return typeof value === 'string' && value.trim() !== '' ? value : undefined;
		case 'string[]':
			return Array.isArray(value) &&
				value.length > 0 &&
				value.every((entry) => typeof entry === 'string' && entry !== '' && entry === entry.trim())
				? value
				: undefined;
		case 'boolean':
			return typeof value === 'boolean' ? value : undefined;
		case 'number':
			return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
		case 'date-time':
			return instantOf(value);
		case 'object':
			return freeObjectOf(value);
		default:
			return undefined;
	}
}

/** What the contract makes of one generated value: the API field it goes in and where in it. */
export interface AllowedValue {
	/** The top-level API field. */
	name: string;
	/** The JSON value the leaf must be sent as. */
	value: unknown;
	/** The leaf inside the body's value of `name` (the field itself, a key of it, a key of its one entry). */
	leafOf: (fieldValue: unknown) => unknown;
}

const keyOf = (key: string) => (object: unknown) => (isObject(object) ? object[key] : undefined);

/**
 * The value generated at `path` as the contract allows it there (`info.values.name = "Ana"` must
 * arrive as `info.name`, a string), or `undefined` when the contract does not allow it as it is
 * (wrong JSON type, blank, out of range) or the path is a container the node reads in its own
 * shape. Keys of the same object or entry that n8n fills in with their defaults may come along.
 */
export function allowedField(path: FieldPath, value: unknown): AllowedValue | undefined {
	// [field], [field, 'values', key] or [field, entryName, 0, key], as arbitraries' fieldPaths.
	const [name, group] = path.map(String);
	const key = String(path.at(-1));
	const type = TYPES.get(name);
	if (type === undefined) return undefined;
	const judged = (sent: unknown, leafOf: AllowedValue['leafOf']) =>
		sent === undefined ? undefined : { name, value: sent, leafOf };
	if (path.length === 1) {
		// Objects with fixed keys and lists of them are entered key by key, as the deeper paths.
		if (type === 'object[]' || NESTED.has(name)) return undefined;
		return judged(asContractType(type, value, ENUMS[name]), (field) => field);
	}
	if (path.length === 3 && group === 'values' && NESTED.has(name)) {
		return judged(asContractType('string', value), keyOf(key));
	}
	if (path.length === 4 && type === 'object[]' && IDLE_RULE_TYPES[key]) {
		const onlyEntry = (list: unknown) =>
			Array.isArray(list) && list.length === 1 ? keyOf(key)(list[0]) : undefined;
		return judged(asContractType(IDLE_RULE_TYPES[key], value), onlyEntry);
	}
	return undefined;
}
