import { InvalidFieldValueError, show } from '../shared/values';
import { pathSegment } from '../transport/connection';
import type { OperationContext } from './operations';

/** A parameter that names the record in the request's path, such as Room ID for `_id`. */
export interface PathParameter {
	/** The parameter's name, e.g. `roomId`. */
	name: string;
	/** As errors name it: `"Room ID" (_id)`. */
	label: string;
	/** What to set it to, when it cannot be used. */
	hint: string;
	/** The path below the Base URL for an encoded id, e.g. `/messenger/chat/room/${segment}`. */
	path(segment: string): string;
}

/**
 * The id an item gives for `parameter`, trimmed, and the path it makes: text or a number that can
 * be a path segment (percent-encoded), else an error naming the parameter.
 */
export function readPathParameter(
	parameter: PathParameter,
	context: OperationContext,
	itemIndex: number,
): { id: string; path: string } {
	const { label, hint } = parameter;
	const value = context.parameter(parameter.name, itemIndex);
	if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
		throw new InvalidFieldValueError(label, 'must be text or a number', hint);
	}
	const id = String(value).trim();
	const segment = pathSegment(id);
	if (segment === undefined) throw new InvalidFieldValueError(label, `cannot be ${show(id)}`, hint);
	return { id, path: parameter.path(segment) };
}
