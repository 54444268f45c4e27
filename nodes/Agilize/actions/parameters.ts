import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isSafeObjectProperty } from '../shared/compat';
import { InvalidInputError } from '../shared/values';
import type { Operation, OperationContext } from './operations';

type ParameterReader = OperationContext['parameter'];

/** Exactly `={{ $json.a.b }}`: dotted names only, whitespace inside the braces allowed. */
const JSON_PATH_EXPRESSION = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*)+)\s*\}\}$/;

/** A leaf of a parameter that reads the item's JSON at `path`. */
class JsonPath {
	constructor(readonly path: string[]) {}
}

/** How a parameter is read for every item of an execution: from its raw form, or by n8n's engine. */
type Plan = { engine: true } | { engine: false; template: unknown };

const ENGINE: Plan = { engine: true };

/** Not found or not plain JSON: the item is read by n8n's engine instead. */
const FALLBACK = Symbol('fallback');

/** Deeper values are left to n8n's engine rather than checked here. */
const MAX_DEPTH = 64;

/**
 * The raw parameter as a template: constants kept, `{{ $json.path }}` leaves as JsonPath;
 * undefined when any other expression is in it (then n8n's engine reads the whole parameter).
 */
function toTemplate(raw: unknown): unknown {
	if (typeof raw === 'string') {
		if (!raw.startsWith('=')) return raw;
		const match = JSON_PATH_EXPRESSION.exec(raw);
		if (!match) return undefined;
		const path = match[1].slice(1).split('.');
		// Names n8n's expression sandbox refuses are left to it, with its own error.
		return path.every(isSafeObjectProperty) ? new JsonPath(path) : undefined;
	}
	if (typeof raw !== 'object' || raw === null) return raw;
	if (Array.isArray(raw)) {
		const template = raw.map(toTemplate);
		return template.some((value, i) => value === undefined && raw[i] !== undefined)
			? undefined
			: template;
	}
	const template: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(raw)) {
		const leaf = toTemplate(value);
		if (leaf === undefined && value !== undefined) return undefined;
		template[key] = leaf;
	}
	return template;
}

/**
 * An object made in this realm by JSON or a literal. Stricter than shared/values' isPlainObject,
 * on purpose: an object without a prototype (or from another realm) goes to n8n's engine, which
 * may hand it over as a copy of another kind.
 */
const isLiteralObject = (value: object): value is IDataObject =>
	Object.getPrototypeOf(value) === Object.prototype;

/** JSON data as an item holds it: text, finite numbers, booleans, null, lists and plain objects. */
function isPlainJson(value: unknown, depth = 0): boolean {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
	if (typeof value === 'number') return Number.isFinite(value);
	if (typeof value !== 'object' || depth > MAX_DEPTH) return false;
	if (Array.isArray(value)) return value.every((entry) => isPlainJson(entry, depth + 1));
	if (!isLiteralObject(value)) return false;
	return Object.keys(value).every(
		(key) => isSafeObjectProperty(key) && isPlainJson(value[key], depth + 1),
	);
}

function lookUp(json: IDataObject, path: string[]): unknown {
	let value: unknown = json;
	for (const name of path) {
		if (
			typeof value !== 'object' ||
			value === null ||
			Array.isArray(value) ||
			!isLiteralObject(value)
		) {
			return FALLBACK;
		}
		if (!Object.prototype.hasOwnProperty.call(value, name)) return FALLBACK;
		value = value[name];
	}
	return isPlainJson(value) ? value : FALLBACK;
}

/** The template filled in from one item's JSON, in new lists and objects as n8n's engine returns. */
function fill(template: unknown, json: IDataObject): unknown {
	if (template instanceof JsonPath) return lookUp(json, template.path);
	if (typeof template !== 'object' || template === null) return template;
	if (Array.isArray(template)) {
		const filled = template.map((entry) => fill(entry, json));
		return filled.includes(FALLBACK) ? FALLBACK : filled;
	}
	const filled: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(template)) {
		const entry = fill(value, json);
		if (entry === FALLBACK) return FALLBACK;
		filled[key] = entry;
	}
	return filled;
}

/** The dotted path of the first expression under `name` that n8n cannot evaluate for this item. */
function failingExpression(fn: IExecuteFunctions, name: string, itemIndex: number): string {
	const raw = fn.getNodeParameter(name, itemIndex, undefined, { rawExpressions: true }) as unknown;
	const search = (value: unknown, path: string): string | undefined => {
		if (typeof value === 'string') {
			if (!value.startsWith('=')) return undefined;
			try {
				fn.getNodeParameter(path, itemIndex);
				return undefined;
			} catch {
				return path;
			}
		}
		if (typeof value !== 'object' || value === null) return undefined;
		for (const [key, nested] of Object.entries(value)) {
			const found = search(nested, `${path}.${key}`);
			if (found) return found;
		}
		return undefined;
	};
	return search(raw, name) ?? name;
}

/**
 * n8n's own reading of a parameter. When n8n cannot evaluate an expression in it (a syntax
 * error, a function returned), the error names the parameter down to the nested field: it is
 * bad input like any other, so the router adds the item's number, as for the rest.
 */
function engineReader(fn: IExecuteFunctions, operation: Operation): ParameterReader {
	const displayNames = new Map(
		operation.properties.map((property: INodeProperties) => [property.name, property.displayName]),
	);
	return (name, itemIndex, fallback) => {
		let cause: Error & { description?: string };
		try {
			return fn.getNodeParameter(name, itemIndex, fallback);
		} catch (error) {
			cause = error as Error;
		}
		const where = operation.apiNames?.[name] ?? failingExpression(fn, name, itemIndex);
		const label = `"${displayNames.get(name) ?? name}" (${where})`;
		throw new InvalidInputError(
			`${label} could not be evaluated: ${cause.message}`,
			cause.description,
			cause,
		);
	};
}

/**
 * Reads parameters for every item of one execution. Most expressions in this node are exactly
 * `{{ $json.field }}`; n8n's expression engine costs about a millisecond per expression and item,
 * and for those the answer is the item's own JSON at that path. So each parameter's raw form is
 * looked at once: constants and such leaves are read here, from the item; a parameter with any
 * other expression, a path the item lacks, or a value that is not plain JSON (Dates, Luxon,
 * class instances, binary) is read by `getNodeParameter`, exactly as before. The values read
 * here are the item's own: the node never changes what it reads.
 */
export function createParameterReader(
	fn: IExecuteFunctions,
	operation: Operation,
	asAgentTool: boolean,
): ParameterReader {
	const engine = engineReader(fn, operation);
	// As an agent's tool, the node's input is the tool call's arguments while `$json` is the
	// agent's item: the engine reads everything.
	if (asAgentTool) return engine;
	const items = fn.getInputData();
	const plans = new Map<string, Plan>();
	// The node reads each parameter with the same fallback every time, so a name is the key.
	const planFor = (name: string, fallback: unknown): Plan => {
		let plan = plans.get(name);
		if (!plan) {
			let raw: unknown;
			try {
				raw = fn.getNodeParameter(name, 0, fallback, { rawExpressions: true });
			} catch {
				raw = undefined;
			}
			const template = raw === undefined ? undefined : toTemplate(raw);
			plan = template === undefined ? ENGINE : { engine: false, template };
			plans.set(name, plan);
		}
		return plan;
	};
	return (name, itemIndex, fallback) => {
		const plan = planFor(name, fallback);
		const json = items[itemIndex]?.json;
		if (plan.engine || json === undefined) return engine(name, itemIndex, fallback);
		const value = fill(plan.template, json);
		return value === FALLBACK ? engine(name, itemIndex, fallback) : value;
	};
}
