/**
 * Date-times as the API wants them: `Date.prototype.toISOString()` output.
 * Accepts what n8n's date picker and expressions produce. The node ships no runtime dependencies,
 * so wall-clock times are placed in the workflow's timezone with `Intl`, not Luxon.
 */

const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Formatters are costly to build and immutable once built, so one per timezone is kept. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/** Milliseconds to add to a UTC instant to get the wall-clock time in `timeZone`. */
function zoneOffset(instant: number, timeZone: string): number {
	const parts: Record<string, number> = {};
	for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	const wallClock = utc(
		parts.year,
		parts.month,
		parts.day,
		parts.hour % 24,
		parts.minute,
		parts.second,
		0,
	);
	return wallClock - (instant - (((instant % 1000) + 1000) % 1000));
}

function utc(
	year: number,
	month: number,
	day: number,
	hour: number,
	minute: number,
	second: number,
	ms: number,
): number {
	const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
	date.setUTCFullYear(year); // Date.UTC maps years 0-99 to 1900-1999
	return date.getTime();
}

/**
 * The UTC instant at which the clocks of `timeZone` show `wallClock` (given as if it were UTC).
 * The rule is Temporal's "compatible" one: a repeated time (clocks turned back) is the earlier
 * instant, and a skipped time (clocks turned forward) moves forward by the gap. Luxon agrees on
 * skipped times; on repeated ones it depends on the offset in force on the day it runs.
 */
function fromWallClock(wallClock: number, timeZone: string): number {
	const DAY = 86_400_000;
	const before = zoneOffset(wallClock - DAY, timeZone);
	const after = zoneOffset(wallClock + DAY, timeZone);
	const valid = [wallClock - before, wallClock - after].filter(
		(instant) => instant + zoneOffset(instant, timeZone) === wallClock,
	);
	return valid.length ? Math.min(...valid) : wallClock - before;
}

function parseIsoString(value: string, timeZone: string): number | undefined {
	const match = ISO_DATE_TIME.exec(value);
	if (!match) return undefined;
	const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0', offset] = match;
	const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
	const ms = Math.floor(Number(`0.${fraction}`) * 1000);
	const wallClock = utc(year, month, day, hour, minute, second, ms);
	const check = new Date(wallClock);
	if (
		check.getUTCMonth() !== month - 1 ||
		check.getUTCDate() !== day ||
		check.getUTCHours() !== hour ||
		check.getUTCMinutes() !== minute ||
		check.getUTCSeconds() !== second
	) {
		return undefined; // 2026-02-30, 25:00 and the like
	}
	if (offset === undefined) return fromWallClock(wallClock, timeZone);
	if (offset.toUpperCase() === 'Z') return wallClock;
	const sign = offset.startsWith('-') ? -1 : 1;
	const digits = offset.slice(1).replace(':', '');
	const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
	return wallClock - sign * offsetMinutes * 60_000;
}

interface DateTimeLike {
	toJSDate(): Date;
	isValid?: boolean;
}

const isDateTimeLike = (value: object): value is DateTimeLike =>
	typeof (value as Partial<DateTimeLike>).toJSDate === 'function';

/**
 * The instant `value` denotes, in milliseconds since the epoch, or `undefined` if it is not a
 * date-time. ISO strings without an offset are read in `timeZone`; Luxon DateTime objects are
 * recognised by shape, since this package cannot import Luxon.
 */
export function parseDateTime(value: unknown, timeZone: string): number | undefined {
	let instant: number | undefined;
	if (value instanceof Date) instant = value.getTime();
	else if (typeof value === 'number') instant = value;
	else if (typeof value === 'string') {
		const trimmed = value.trim();
		instant = /^-?\d+$/.test(trimmed) ? Number(trimmed) : parseIsoString(trimmed, timeZone);
	} else if (value !== null && typeof value === 'object' && isDateTimeLike(value)) {
		instant = value.isValid === false ? undefined : value.toJSDate().getTime();
	}
	// Date's own range: ±8.64e15 ms
	return instant !== undefined && Number.isFinite(instant) && Math.abs(instant) <= 8.64e15
		? instant
		: undefined;
}
