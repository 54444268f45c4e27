import type { INodeExecutionData } from 'n8n-workflow';

import type { AgilizeMock } from '../harness/mock/agilizeMock';
import { API_KEY } from '../harness/helpers';
import { kindOf, type FuzzCase } from './arbitraries';
import { allowedField, bodyProblems } from './contractCheck';

/**
 * What every generated item must come to: a request at exactly its encoded path with a body the
 * contract allows, or an error naming the field and the item with nothing sent; never a crash,
 * a request elsewhere, a polluted prototype or the key in any output. Both ways: a value the
 * contract allows for its field (at a valid room id) must be sent, as the contract's JSON type;
 * refusing it, sending it as another type or leaving it out is a failure, so a node that refuses
 * everything cannot pass.
 */
const ITEM_ERROR = /\[item (\d+)\]$/;
/** The field or input an error names: `"Display Name" (apiPath)`. */
const NAMED = /^(?:Update Fields: )?"[^"]+" \(([^)]+)\) /;
const NOTHING_TO_UPDATE = /^Nothing to update: /;
const CRASH =
	/TypeError|ReferenceError|RangeError|URIError|Cannot read|is not a function|undefined is not|Maximum call stack/;

/** The path a room id must reach, or `undefined` if no request may be sent for it. */
function expectedPath(roomId: unknown): string | undefined {
	if (typeof roomId !== 'string' && !(typeof roomId === 'number' && Number.isFinite(roomId)))
		return undefined;
	const id = String(roomId).trim();
	if (id === '' || id === '.' || id === '..') return undefined;
	try {
		return `/messenger/chat/room/${encodeURIComponent(id)}`;
	} catch {
		return undefined; // a lone surrogate cannot be percent-encoded
	}
}

/** A generated value, short enough to read in a failure. */
export function show(value: unknown): string {
	if (typeof value === 'string')
		return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…(${value.length})` : value);
	if (typeof value === 'bigint') return `${value}n`;
	if (typeof value === 'function' || typeof value === 'symbol') return String(value);
	try {
		const text = JSON.stringify(value) ?? String(value);
		return `${kindOf(value)} ${text.length > 120 ? `${text.slice(0, 120)}…` : text}`;
	} catch {
		return kindOf(value);
	}
}

/** What is wrong with one item's outcome; empty when nothing is. */
function itemProblems(fuzz: FuzzCase, item: INodeExecutionData, index: number): string[] {
	const problems: string[] = [];
	if (JSON.stringify(item.pairedItem) !== JSON.stringify({ item: index }))
		problems.push(`pairedItem ${JSON.stringify(item.pairedItem)}`);
	if (item.error) {
		const message = item.error.message;
		const allowed = allowedOf(fuzz);
		if (allowed && expectedPath(fuzz.roomId) !== undefined) {
			problems.push(
				`refused ${fuzz.path.join('.')} = ${show(fuzz.value)}, which the contract allows: ${message}`,
			);
		}
		if (item.error.name !== 'NodeOperationError') problems.push(`${item.error.name}: ${message}`);
		if (CRASH.test(message)) problems.push(`a crash: ${message}`);
		if (ITEM_ERROR.exec(message)?.[1] !== String(index))
			problems.push(`does not name item ${index}: ${message}`);
		const named = NAMED.exec(message)?.[1];
		if (named === undefined) {
			if (!NOTHING_TO_UPDATE.test(message)) problems.push(`names no field: ${message}`);
		} else {
			// It names the room id, the generated field or a key inside it, or Fields to Clear (or a
			// field both cleared and present in Update Fields).
			const field = String(fuzz.path[0]);
			const top = named.replace(/^updateFields\./, '').replace(/[[.].*$/, '');
			const cleared = clearedBy(fuzz);
			if (!(top === '_id' || top === 'fieldsToClear' || top === field || cleared.includes(top))) {
				problems.push(`names ${named}, not the generated field: ${message}`);
			}
		}
		return problems;
	}
	if (expectedPath(fuzz.roomId) === undefined)
		problems.push('sent although the room id cannot be a path segment');
	// The output is the mock's echo of the room; its body is checked where the mock received it.
	if (item.json._id !== String(fuzz.roomId).trim())
		problems.push(`reached room ${show(item.json._id)}`);
	return problems;
}

const clearedBy = (fuzz: FuzzCase) =>
	Array.isArray(fuzz.fieldsToClear) ? (fuzz.fieldsToClear as string[]) : [];

/** The body field the contract makes of the generated value, if it allows it (Fields to Clear cases are not judged). */
const allowedOf = (fuzz: FuzzCase) =>
	fuzz.fieldsToClear === undefined ? allowedField(fuzz.path, fuzz.value) : undefined;

/**
 * For each item that sent a value the contract allows: one request of its own at its path whose
 * body holds that field alone, the value in it as the contract's JSON type.
 */
function allowedBodyProblems(
	items: FuzzCase[],
	arrived: AgilizeMock['requests'],
	url: string,
): string[] {
	const unmatched = [...arrived];
	const problems: string[] = [];
	for (const fuzz of items) {
		const allowed = allowedOf(fuzz);
		if (!allowed) continue;
		const expected = JSON.stringify(allowed.value);
		const at = unmatched.findIndex(({ body }) => {
			const fields = Object.keys(body as object);
			return (
				fields.length === 1 &&
				fields[0] === allowed.name &&
				JSON.stringify(allowed.leafOf((body as Record<string, unknown>)[allowed.name])) === expected
			);
		});
		if (at >= 0) unmatched.splice(at, 1);
		else {
			const bodies = unmatched.map(({ rawBody }) => rawBody.slice(0, 300)).join(' | ');
			problems.push(
				`${url.slice(0, 100)}: ${fuzz.path.join('.')} = ${show(fuzz.value)} was to be sent in ${allowed.name} as ${expected.slice(0, 300)}; the bodies were ${bodies}`,
			);
		}
	}
	return problems;
}

/** The bodies the mock received for the items that succeeded, matched to them by path. */
function requestProblems(succeeded: FuzzCase[], requests: AgilizeMock['requests']): string[] {
	const problems: string[] = [];
	const byPath = new Map<string, FuzzCase[]>();
	for (const fuzz of succeeded) {
		const path = expectedPath(fuzz.roomId) as string;
		byPath.set(path, [...(byPath.get(path) ?? []), fuzz]);
	}
	const received = new Map<string, AgilizeMock['requests']>();
	for (const request of requests)
		received.set(request.url, [...(received.get(request.url) ?? []), request]);
	for (const [url, arrived] of received) {
		const items = byPath.get(url) ?? [];
		if (arrived.length !== items.length)
			problems.push(`${arrived.length} requests to ${url.slice(0, 100)} for ${items.length} items`);
		// Items of the same room arrive in any order: check each body against what any of them set.
		const fields = new Set(items.flatMap((fuzz) => [String(fuzz.path[0]), ...clearedBy(fuzz)]));
		const cleared = new Set(items.flatMap(clearedBy));
		for (const request of arrived) {
			if (request.method !== 'PATCH') problems.push(`${request.method} ${url.slice(0, 100)}`);
			if (request.headers['x-api-key'] !== API_KEY)
				problems.push(`${url.slice(0, 100)} without the key`);
			problems.push(
				...bodyProblems(request.body, cleared).map(
					(problem) =>
						`${url.slice(0, 100)}: ${problem} in ${request.rawBody.slice(0, 300)}, generated ${items.map((fuzz) => show(fuzz.value)).join(' | ')}`,
				),
			);
			const extra = Object.keys(request.body as object).filter((key) => !fields.has(key));
			if (extra.length)
				problems.push(`${url.slice(0, 100)}: fields nobody set: ${extra.join(', ')}`);
		}
		problems.push(...allowedBodyProblems(items, arrived, url));
	}
	for (const [path, items] of byPath)
		if (!received.has(path))
			problems.push(
				`${items.length} items at ${path.slice(0, 100)} reported as sent, none arrived`,
			);
	return problems;
}

/** Counts of what the generated items came to, by kind of value and of room id. */
export class Tally {
	cases = 0;

	sent = 0;

	refused = 0;

	nothingToUpdate = 0;

	/** Items with a value the contract allows, at a valid room id: each must have been sent. */
	allowed = 0;

	private readonly kinds = {
		value: new Map<string, [number, number]>(),
		'room id': new Map<string, [number, number]>(),
	};

	record(fuzz: FuzzCase, sent: boolean, message?: string): void {
		this.cases++;
		if (sent) this.sent++;
		else this.refused++;
		if (message && NOTHING_TO_UPDATE.test(message)) this.nothingToUpdate++;
		if (allowedOf(fuzz) && expectedPath(fuzz.roomId) !== undefined) this.allowed++;
		for (const [what, value] of [
			['value', fuzz.value],
			['room id', fuzz.roomId],
		] as const) {
			const counts = this.kinds[what].get(kindOf(value)) ?? [0, 0];
			counts[sent ? 0 : 1]++;
			this.kinds[what].set(kindOf(value), counts);
		}
	}

	/** One line: what the items came to. */
	summary(): string {
		return (
			`${this.sent} sent as the contract allows (${this.allowed} with a value of the contract's own type, each checked as sent), ` +
			`${this.refused} refused naming field and item (${this.nothingToUpdate} "Nothing to update")`
		);
	}

	/** The counts by kind of value and of room id. */
	details(): string {
		const table = (what: 'value' | 'room id') =>
			[...this.kinds[what].entries()]
				.sort(([a], [b]) => a.localeCompare(b))
				.map(
					([kind, [sent, refused]]) =>
						`  ${kind}: ${sent + refused} (${sent} sent, ${refused} refused)`,
				)
				.join('\n');
		return `By kind of value:\n${table('value')}\nBy kind of room id:\n${table('room id')}`;
	}
}

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort().join();

export function check(
	cases: FuzzCase[],
	output: INodeExecutionData[],
	requests: AgilizeMock['requests'],
	everything: string,
	tally: Tally,
) {
	expect(output).toHaveLength(cases.length);
	const succeeded: FuzzCase[] = [];
	const problems: string[] = [];
	output.forEach((item, index) => {
		const fuzz = cases[index];
		const found = itemProblems(fuzz, item, index);
		if (found.length) {
			problems.push(
				`item ${index}: room id ${show(fuzz.roomId)}, ${fuzz.path.join('.')} = ${show(fuzz.value)}${fuzz.fieldsToClear === undefined ? '' : `, fieldsToClear ${show(fuzz.fieldsToClear)}`}: ${found.join('; ')}`,
			);
		}
		tally.record(fuzz, !item.error, item.error?.message);
		if (!item.error) succeeded.push(fuzz);
	});
	// Exactly one request per item that succeeded, at its path, with a body the contract allows;
	// none for the others.
	problems.push(...requestProblems(succeeded, requests));
	expect(problems).toEqual([]);
	expect(everything).not.toContain(API_KEY);
	expect(Object.getOwnPropertyNames(Object.prototype).sort().join()).toBe(prototypeKeys);
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}
