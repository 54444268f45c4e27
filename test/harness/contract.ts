import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The API contract this package implements: ../shared beside the repository is the source. */
export const SHARED_CONTRACT = join(
	__dirname,
	'..',
	'..',
	'..',
	'shared',
	'agilize-api',
	'chat-room-update.md',
);
/** A copy kept in the repository, for where ../shared is not (the npm publish workflow). */
export const VENDORED_CONTRACT = join(
	__dirname,
	'..',
	'..',
	'docs',
	'agilize-api',
	'chat-room-update.md',
);
const CONTRACT = existsSync(SHARED_CONTRACT) ? SHARED_CONTRACT : VENDORED_CONTRACT;

export interface ContractField {
	name: string;
	type: string;
}

/** The rows of the contract's "Body fields" table: `| name | type | meaning |`. */
export function contractBodyFields(): ContractField[] {
	const text = readFileSync(CONTRACT, 'utf8');
	const section = text.split('## Body fields')[1].split('\nNested structures')[0];
	return section
		.split('\n')
		.map((line) => /^\|\s*([A-Za-z_]+)\s*\|\s*([a-z-]+(?:\[\])?)\s*\|/.exec(line))
		.filter((match): match is RegExpExecArray => match !== null && match[1] !== 'field')
		.map((match) => ({ name: match[1], type: match[2] }));
}

/** The keys of a nested structure as the contract lists them, e.g. `utm { provider, … }`. */
export function contractNestedKeys(name: string): string[] {
	const text = readFileSync(CONTRACT, 'utf8').replace(/\s+/g, ' ');
	const match = new RegExp(`\\s${name}\\s+\\[?\\s*\\{([^}]*)\\}`).exec(text);
	if (!match) throw new Error(`no nested structure ${name} in the contract`);
	return match[1].split(',').map((key) => key.trim().split(':')[0].trim());
}
