import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The API contracts this package implements, one file per endpoint. */
export const CONTRACTS = [
	'chat-room-update.md',
	'chatbot-delegate.md',
	'funnel-stage-update.md',
	'lead-create.md',
	'message-template-create.md',
] as const;
export type ContractFile = (typeof CONTRACTS)[number];

/** ../shared beside the repository is the source. */
export const sharedContract = (file: ContractFile) =>
	join(__dirname, '..', '..', '..', 'shared', 'agilize-api', file);
/** A copy kept in the repository, for where ../shared is not (the npm publish workflow). */
export const vendoredContract = (file: ContractFile) =>
	join(__dirname, '..', '..', 'docs', 'agilize-api', file);

const contractText = (file: ContractFile) =>
	readFileSync(
		existsSync(sharedContract(file)) ? sharedContract(file) : vendoredContract(file),
		'utf8',
	);

export interface ContractField {
	name: string;
	type: string;
	/** Whether the table's "required" column says yes (tables without one: never). */
	required: boolean;
}

/** The rows of a contract's "Body fields" table: `| name | type | [required |] meaning |`. */
export function contractBodyFields(file: ContractFile = 'chat-room-update.md'): ContractField[] {
	const section = contractText(file)
		.split('## Body fields')[1]
		.split(/\nNested structures|\n## /)[0];
	const lines = section.split('\n').filter((line) => line.startsWith('|'));
	const columns = lines[0].split('|').map((cell) => cell.trim());
	const requiredColumn = columns.indexOf('required');
	return lines
		.map((line) => ({
			match: /^\|\s*([A-Za-z_]+)\s*\|\s*([a-z-]+(?:\[\])?)\s*\|/.exec(line),
			cells: line.split('|').map((cell) => cell.trim()),
		}))
		.filter(({ match }) => match !== null && match[1] !== 'field')
		.map(({ match, cells }) => ({
			name: (match as RegExpExecArray)[1],
			type: (match as RegExpExecArray)[2],
			required: requiredColumn !== -1 && cells[requiredColumn] === 'yes',
		}));
}

/** The keys of a nested structure as the contract lists them, e.g. `utm { provider, … }`. */
export function contractNestedKeys(
	name: string,
	file: ContractFile = 'chat-room-update.md',
): string[] {
	const text = contractText(file).replace(/\s+/g, ' ');
	const match = new RegExp(`\\s${name}\\s+\\[?\\s*\\{([^}]*)\\}`).exec(text);
	if (!match) throw new Error(`no nested structure ${name} in the contract`);
	return match[1].split(',').map((key) => key.trim().split(':')[0].trim());
}
