import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import type { WorkflowJson } from './workflowJson';

const root = join(__dirname, '..', '..');

/** Where workflow fixtures live: beside the tests of what they exercise, anywhere under these. */
const FOLDERS = [join(root, 'test', 'node'), join(root, 'test', 'integration')];

/** Every `<name>.workflow.json` under FOLDERS, by name; a name used twice is an error. */
function fixtureFiles(): Map<string, string> {
	const files = new Map<string, string>();
	for (const folder of FOLDERS) {
		for (const entry of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
			const name = /(?:^|\/)([^/]+)\.workflow\.json$/.exec(entry)?.[1];
			if (name === undefined) continue;
			const file = join(folder, entry);
			const other = files.get(name);
			if (other) throw new Error(`Two workflow fixtures are named ${name}: ${other} and ${file}`);
			files.set(name, file);
		}
	}
	return files;
}

/** A fixture as stored: a workflow whose `pinData` is the output its nodes must give (n8n's own convention). */
type StoredFixture = WorkflowJson & {
	pinData?: Record<string, Array<Pick<INodeExecutionData, 'json'>>>;
};

function read(name: string): StoredFixture {
	const file = fixtureFiles().get(name);
	if (!file) throw new Error(`No workflow fixture named ${name} in ${FOLDERS.join(', ')}`);
	return JSON.parse(readFileSync(file, 'utf8')) as StoredFixture;
}

/**
 * The workflow `<name>.workflow.json`, to run. Its `pinData` is left out: n8n would otherwise
 * output the pinned items instead of running the node.
 */
export function loadFixture(name: string): WorkflowJson {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- pinData is what is left out
	const { pinData, ...workflow } = read(name);
	return workflow;
}

/** The items `nodeName` must output when the fixture runs against the mock Agilize API. */
export function pinnedOutput(
	name: string,
	nodeName: string,
): Array<Pick<INodeExecutionData, 'json'>> {
	const pinned = read(name).pinData?.[nodeName];
	if (!pinned) throw new Error(`The fixture ${name} pins no output for ${nodeName}`);
	return pinned;
}
