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
