import fc from 'fast-check';
import { DateTime } from 'luxon';

import { chatRoomFields } from '../../nodes/Agilize/fields/chatRoomFields';
import type { LeafField } from '../../nodes/Agilize/fields/types';

/** 1 MB of text, built once: generating it per case would cost more than sending it. */
const MEGABYTE = 'x'.repeat(1 << 20);
const MEGABYTE_UNICODE = 'ação 😀 中文 '.repeat(1 << 16);

/** Objects whose keys try to reach a prototype, as JSON.parse (own `__proto__` keys) makes them. */
const PROTO_KEYED = [
	'{"__proto__": {"polluted": "yes"}}',
	'{"constructor": {"prototype": {"polluted": "yes"}}}',
	'{"values": {"__proto__": {"polluted": "yes"}, "name": "n"}}',
	'{"rules": [{"__proto__": {"polluted": "yes"}, "rule": "r"}]}',
	'{"prototype": {"polluted": "yes"}, "toString": "x", "valueOf": 1}',
].map((text) => (): unknown => JSON.parse(text));

/** Text an expression returns for the API's value types: valid, nearly valid and not. */
const TYPED_TEXT = [
	'2026-11-25T14:30:00',
	'2026-11-25T14:30:00-03:00',
	'2026-02-30T10:00:00',
	'2026-11-25',
	'1764000000000',
	'-1',
	'true',
	'FALSE',
	' yes ',
	'1',
	' 2 ',
	'0x10',
	'1e308',
	'1e309',
	'NaN',
	'-0',
	'Infinity',
	'a, b, ,c',
	',',
	'{"a": 1}',
	'{}',
	'[1, 2]',
	'{"a": ',
	'null',
	'wa_user_id',
	'WA_USER_ID',
	' ',
	'',
];

const leaf = fc.oneof(
	fc.string(),
	fc.string({ unit: 'grapheme' }),
	fc.string({ unit: 'binary' }), // lone surrogates included
	fc.constantFrom(...TYPED_TEXT),
	fc.double(),
	fc.constantFrom(
		Number.NaN,
		Number.POSITIVE_INFINITY,
		Number.NEGATIVE_INFINITY,
		-0,
		1e308,
		-1e308,
		Number.MAX_SAFE_INTEGER + 2,
		5e-324,
	),
	fc.integer(),
	fc.boolean(),
	fc.constant(null),
	fc.constant(undefined),
	fc.bigInt(),
);

/** A value of any kind an n8n expression can return. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
	{ arbitrary: leaf, weight: 10 },
	{ arbitrary: fc.array(leaf, { maxLength: 5 }), weight: 2 },
	{ arbitrary: fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 5 }), weight: 2 },
	{ arbitrary: fc.object({ maxDepth: 2, maxKeys: 4 }), weight: 2 },
	{
		arbitrary: fc.dictionary(
			fc.constantFrom(
				'name',
				'email',
				'source',
				'rule',
				'idleStep',
				'idleNextAt',
				'values',
				'rules',
				'__proto__',
				'constructor',
			),
			leaf,
		),
		weight: 2,
	},
	{ arbitrary: fc.date(), weight: 2 }, // invalid Dates included
	{
		arbitrary: fc
			.date({ noInvalidDate: true })
			.map((date) => DateTime.fromJSDate(date, { zone: 'Asia/Tokyo' })),
		weight: 2,
	},
	{ arbitrary: fc.constant(DateTime.invalid('generated')), weight: 1 },
	{ arbitrary: fc.constantFrom(...PROTO_KEYED).map((make) => make()), weight: 2 },
	{
		arbitrary: fc.constant(Object.assign(Object.create(null) as object, { name: 'no prototype' })),
		weight: 1,
	},
	{ arbitrary: fc.constantFrom(MEGABYTE, MEGABYTE_UNICODE), weight: 1 },
	{ arbitrary: fc.constant(() => 'a function'), weight: 1 },
	{ arbitrary: fc.constant(Symbol('s')), weight: 1 },
);

/** Room ids: path characters, dot segments, whitespace, unicode, 10 kB. */
export const anyRoomId: fc.Arbitrary<unknown> = fc.oneof(
	{ arbitrary: fc.string({ minLength: 1 }), weight: 6 },
	{ arbitrary: fc.string({ unit: 'grapheme', minLength: 1 }), weight: 3 },
	{ arbitrary: fc.string({ unit: 'binary', minLength: 1 }), weight: 2 },
	{
		arbitrary: fc.constantFrom(
			'/',
			'?',
			'#',
			'%',
			'%2e%2e',
			'..',
			'.',
			' .. ',
			'../admin',
			'a/../b',
			'r1?x=1#y',
			' \t\n',
			'\u3000',
			'\uFEFFr1',
			'sala-42',
		),
		weight: 4,
	},
	{
		arbitrary: fc.string({
			unit: fc.constantFrom('a', '/', '%', 'é', '😀', ' '),
			minLength: 10_000,
			maxLength: 10_000,
		}),
		weight: 1,
	},
	{ arbitrary: fc.oneof(fc.integer(), fc.double()), weight: 2 },
	{ arbitrary: anyValue, weight: 2 },
);

/** Where a value sits in the Update Fields parameter, as n8n stores the collection. */
export type FieldPath = Array<string | number>;

/** Every place of the field table a value can be put, nested keys included. */
export const fieldPaths: FieldPath[] = chatRoomFields.flatMap((field): FieldPath[] => {
	switch (field.kind) {
		case 'object':
			return [
				[field.name],
				[field.name, 'values'],
				...field.keys.map((key) => [field.name, 'values', key.name]),
			];
		case 'objectList':
			return [
				[field.name],
				[field.name, field.entryName],
				...field.keys.map((key) => [field.name, field.entryName, 0, key.name]),
			];
		default:
			return [[field.name]];
	}
});

/** The Update Fields collection with `value` at `path`. */
export function updateFieldsWith(path: FieldPath, value: unknown): Record<string, unknown> {
	const root: Record<string, unknown> = {};
	let node: Record<string | number, unknown> = root;
	path.forEach((key, index) => {
		if (index === path.length - 1) {
			Object.defineProperty(node, key, {
				value,
				enumerable: true,
				writable: true,
				configurable: true,
			});
			return;
		}
		const child: Record<string | number, unknown> =
			typeof path[index + 1] === 'number' ? ([] as unknown as Record<number, unknown>) : {};
		node[key] = child;
		node = child;
	});
	return root;
}

/** Instants whose ISO text has a four-digit year in every time zone (see contractCheck). */
const fourDigitYears = fc.date({
	min: new Date('0001-01-03T00:00:00Z'),
	max: new Date('9999-12-29T00:00:00Z'),
	noInvalidDate: true,
});

/** `date` as ISO text in a fixed offset of `minutes` east of UTC, e.g. 2026-11-25T11:30:00.000-03:00. */
function isoWithOffset(date: Date, minutes: number): string {
	const local = new Date(date.getTime() + minutes * 60_000).toISOString().slice(0, -1);
	const sign = minutes < 0 ? '-' : '+';
	const hours = String(Math.trunc(Math.abs(minutes) / 60)).padStart(2, '0');
	return `${local}${sign}${hours}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
}

/** Non-blank text, as the node takes it for string fields and list entries. */
const text = fc
	.oneof(fc.string({ minLength: 1 }), fc.string({ unit: 'grapheme', minLength: 1 }))
	.filter((value) => value.trim() !== '');

/** Values of the type a leaf of the table takes, as a careful user or expression gives them. */
function typedLeaf(leaf: LeafField): fc.Arbitrary<unknown> {
	switch (leaf.kind) {
		case 'string':
			return text;
		case 'stringList':
			return fc.array(
				text.map((entry) => entry.trim()).filter((entry) => entry !== ''),
				{ minLength: 1, maxLength: 4 },
			);
		case 'boolean':
			return fc.boolean();
		case 'number':
			return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
		case 'dateTime':
			return fc.oneof(
				fourDigitYears,
				fourDigitYears.map((date) => DateTime.fromJSDate(date, { zone: 'America/Sao_Paulo' })),
				fc
					.tuple(fourDigitYears, fc.integer({ min: -12 * 60, max: 14 * 60 }))
					.map(([date, minutes]) => isoWithOffset(date, minutes)),
			);
		case 'json':
			return fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 });
		case 'options':
			return fc.constantFrom(...leaf.options.map((option) => option.value));
	}
}

/**
 * A value of the type the place at `path` takes: the oracle's acceptance half needs many such
 * values in every field, which `anyValue` gives only by chance (a list of trimmed text, rarely).
 */
export function typedValue(path: FieldPath): fc.Arbitrary<unknown> {
	const field = chatRoomFields.find((candidate) => candidate.name === path[0]);
	if (!field) return anyValue;
	if (field.kind !== 'object' && field.kind !== 'objectList')
		return path.length === 1 ? typedLeaf(field) : anyValue;
	const key = field.keys.find((candidate) => candidate.name === path.at(-1));
	return key && path.length > 2 ? typedLeaf(key) : anyValue;
}

export interface FuzzCase {
	roomId: unknown;
	path: FieldPath;
	value: unknown;
	/** Sometimes Fields to Clear gets a generated value instead of Update Fields. */
	fieldsToClear?: unknown;
}

export const anyCase: fc.Arbitrary<FuzzCase> = fc.oneof(
	{
		arbitrary: fc.record({
			roomId: anyRoomId,
			path: fc.constantFrom(...fieldPaths),
			value: anyValue,
		}),
		weight: 9,
	},
	{
		arbitrary: fc
			.constantFrom(...fieldPaths)
			.chain((path) =>
				fc.record({ roomId: anyRoomId, path: fc.constant(path), value: typedValue(path) }),
			),
		weight: 3,
	},
	{
		arbitrary: fc.record({
			roomId: anyRoomId,
			path: fc.constant<FieldPath>(['department']),
			value: fc.constant(''),
			fieldsToClear: fc.oneof(anyValue, fc.subarray(chatRoomFields.map((field) => field.name))),
		}),
		weight: 1,
	},
);

/** A short name for the kind of a generated value, for the closing count. */
export function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'undefined';
	if (typeof value === 'string') {
		if (value.length >= 10_000) return 'string ≥ 10 kB';
		if (/\p{Cs}/u.test(value)) return 'string with lone surrogates';
		return /[^\x20-\x7e]/.test(value) ? 'unicode string' : 'string';
	}
	if (typeof value === 'number') {
		if (Number.isNaN(value)) return 'NaN';
		if (!Number.isFinite(value)) return '±Infinity';
		if (Object.is(value, -0)) return '-0';
		return Math.abs(value) >= 1e300 ? 'huge number' : 'number';
	}
	if (typeof value !== 'object') return typeof value;
	if (Array.isArray(value)) return 'array';
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'invalid Date' : 'Date';
	if (DateTime.isDateTime(value))
		return value.isValid ? 'Luxon DateTime' : 'invalid Luxon DateTime';
	if (Object.getPrototypeOf(value) === null) return 'object without prototype';
	return hasProtoKey(value) ? 'object with __proto__/constructor keys' : 'object';
}

function hasProtoKey(value: unknown, depth = 0): boolean {
	if (typeof value !== 'object' || value === null || depth > 4) return false;
	return Object.keys(value).some(
		(key) =>
			['__proto__', 'constructor', 'prototype'].includes(key) ||
			hasProtoKey((value as Record<string, unknown>)[key], depth + 1),
	);
}
