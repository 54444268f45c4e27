import { contractBodyFields, contractNestedKeys } from '../contract';

/**
 * Checks a request body against the contract file itself (not the node's field table): every key
 * a documented field, every value of its documented JSON type; null only where the field was cleared.
 */
const TYPES = new Map(contractBodyFields().map((field) => [field.name, field.type]));
const NESTED = new Map(['info', 'utm', 'utmClick'].map((name) => [name, new Set(contractNestedKeys(name))]));
/** `idleRules [ { rule: string, idleNextAt: date-time, idleStep: number } ]`, as the contract writes it. */
const IDLE_RULE_TYPES: Record<string, string> = { rule: 'string', idleNextAt: 'date-time', idleStep: 'number' };

const ISO_INSTANT = /^(\d{4}|[+-]\d{6})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

function typeProblem(type: string, value: unknown): string | undefined {
	switch (type) {
		case 'string':
			return typeof value === 'string' ? undefined : 'not a string';
		case 'string[]':
			return Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === 'string') ? undefined : 'not a list of strings';
		case 'boolean':
			return typeof value === 'boolean' ? undefined : 'not a boolean';
		case 'number':
			return typeof value === 'number' && Number.isFinite(value) ? undefined : 'not a finite number';
		case 'date-time':
			return typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : 'not an ISO instant';
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
					if (!isObject(entry) || Object.keys(entry).length === 0) at('an entry is not a non-empty object');
					else {
						for (const [nestedKey, nested] of Object.entries(entry)) {
							const nestedType = IDLE_RULE_TYPES[nestedKey];
							const problem = nestedType ? typeProblem(nestedType, nested) : 'not a key of the entries';
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
