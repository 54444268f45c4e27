import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import type { WorkflowJson } from './workflowJson';

const root = join(__dirname, '..', '..');

/** Where workflow fixtures live: beside the tests of what they exercise. */
const FOLDERS = [
	join(root, 'test', 'node', 'chatRoom', 'update'),
	join(root, 'test', 'integration'),
];

/** A fixture as stored: a workflow whose `pinData` is the output its nodes must give (n8n's own convention). */
type StoredFixture = WorkflowJson & {
	pinData?: Record<string, Array<Pick<INodeExecutionData, 'json'>>>;
};

function read(name: string): StoredFixture {
	const file = FOLDERS.map((folder) => join(folder, `${name}.workflow.json`)).find((path) =>
		existsSync(path),
	);
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
