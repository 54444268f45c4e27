/**
 * Values as users give them: what counts as a plain object, how a value shows in a message, and
 * the errors for input the API cannot take.
 */
import type { IDataObject } from 'n8n-workflow';

/**
 * A plain object, from this realm or another (n8n evaluates expressions in a sandbox): its
 * prototype is an Object.prototype or null. Dates, Luxon DateTimes and other class instances are not.
 */
export const isPlainObject = (value: unknown): value is IDataObject => {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const prototype = Object.getPrototypeOf(value) as object | null;
	return prototype === null || Object.getPrototypeOf(prototype) === null;
};

/** `text` cut to at most `length` characters, an ellipsis (…) marking the cut. */
export const clip = (text: string, length: number) =>
	text.length > length ? `${text.slice(0, length - 1)}…` : text;

/** A value as an error message shows it: text quoted and clipped to 60 characters, others by kind. */
export const show = (value: unknown): string => {
	if (typeof value === 'string') return `"${clip(value, 60)}"`;
	if (Array.isArray(value)) return 'a list';
	if (value instanceof Date) return 'a Date';
	if (typeof value === 'object' && value !== null) return 'an object';
	if (typeof value === 'function') return 'a function';
	if (typeof value === 'symbol') return 'a symbol';
	return String(value);
};

/**
 * Input the API cannot take. Thrown without the item's number: the router adds `[item N]` and
 * `itemIndex` when it turns this into the item's error, in one place for every source of input.
 */
export class InvalidInputError extends Error {
	constructor(
		message: string,
		readonly description?: string,
		/** n8n's own error, where n8n refused the value (an expression it could not evaluate). */
		cause?: Error,
	) {
		super(message, cause ? { cause } : undefined);
		this.name = 'InvalidInputError';
	}
}

/** A value the user gave that the API cannot take; `label` names the field as the UI shows it. */
export class InvalidFieldValueError extends InvalidInputError {
	constructor(
		readonly label: string,
		readonly problem: string,
		description?: string,
	) {
		super(`${label} ${problem}`, description);
		this.name = 'InvalidFieldValueError';
	}
}
