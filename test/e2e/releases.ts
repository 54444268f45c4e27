import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import type { InstalledN8n } from '../harness/n8n/n8nInstall';

// What differs between the n8n releases of the matrix, in n8n itself rather than in the node, so
// that one set of scenarios holds for all of them.

/** The error-output fixture's input items, by index: `{ roomId }`. */
const ERROR_OUTPUT_ROOMS = ['r1', 'missing-room', 'r3'];

/**
 * Error-output `items` as [json, pairedItem]. n8n 1.70–1.94's engine merges the paired input
 * item's JSON into each error-output item; 1.123 and 2.x pass the node's item as it is. The
 * input's `roomId` is checked against the input and left out, so both compare alike.
 */
export function errorOutput(
	items: INodeExecutionData[],
	version: string,
): Array<[INodeExecutionData['json'], INodeExecutionData['pairedItem']]> {
	if (items.some((item) => 'roomId' in item.json))
		console.log(`  (n8n ${version}: error-output items carry the input item's fields)`);
	return items.map(({ json, pairedItem }) => {
		const { roomId, ...own } = json;
		const index =
			typeof pairedItem === 'object' && !Array.isArray(pairedItem) ? pairedItem.item : -1;
		if (roomId !== undefined)
			assert.equal(
				roomId,
				ERROR_OUTPUT_ROOMS[index],
				"an error item carries another item's roomId",
			);
		return [own, pairedItem];
	});
}

/**
 * n8n's Tool Executor node in this n8n: none (1.70, 1.82: the agent-tool scenario is skipped), one
 * that hands its query to the tool as it is (1.94, 1.123, 2.0), or one that takes it keyed by the
 * tool's name (2.41, recognised by its getQueryData).
 */
export type ToolExecutor = 'none' | 'plain' | 'keyed';

export function toolExecutorOf(installed: InstalledN8n): ToolExecutor {
	const modules = dirname(dirname(dirname(installed.bin)));
	const file = join(
		modules,
		'@n8n',
		'n8n-nodes-langchain',
		'dist',
		'nodes',
		'ToolExecutor',
		'ToolExecutor.node.js',
	);
	if (!existsSync(file)) return 'none';
	return readFileSync(file, 'utf8').includes('getQueryData') ? 'keyed' : 'plain';
}

/**
 * Whether this n8n's MCP Server Trigger has the version the MCP example uses (2): 1.123 and 2.x
 * do; 1.94 has only version 1, and releases before 1.88 have no MCP Server Trigger at all.
 */
export function hasMcpTriggerV2(installed: InstalledN8n): boolean {
	const modules = dirname(dirname(dirname(installed.bin)));
	const file = join(
		modules,
		'@n8n',
		'n8n-nodes-langchain',
		'dist',
		'nodes',
		'mcp',
		'McpTrigger',
		'McpTrigger.node.js',
	);
	return existsSync(file) && /version: \[[^\]]*\b2\b/.test(readFileSync(file, 'utf8'));
}

/**
 * Whether this n8n's CLI can activate a workflow it imported: n8n 1.x marks it active; n8n 2.x
 * publishes a version from the workflow's history, which `import:workflow` writes in 2.41 but not
 * in 2.0 (publish:workflow then answers "Version … not found"). The scenarios that need an active
 * workflow (the webhook burst, the MCP server) run only where it can.
 */
export function activatesImportedWorkflows(installed: InstalledN8n, major: number): boolean {
	if (major < 2) return true;
	const modules = dirname(dirname(dirname(installed.bin)));
	const importer = join(modules, 'n8n', 'dist', 'services', 'import.service.js');
	return existsSync(importer) && readFileSync(importer, 'utf8').includes('WorkflowHistory');
}

/**
 * Whether this n8n answers a call with an empty HTTP 200 when a workflow responding "When Chatbot →
 * Reply Runs" fails before the Reply: 1.82 to 2.0 resolve the waiting response with nothing when
 * an execution ends (`responsePromise.resolve({})`), before they look at its error; 1.70 (which
 * does not) and 2.41 (which tells an execution that ended without a response) answer HTTP 500.
 */
export function answersEmptyWhenFailingBeforeResponseNode(installed: InstalledN8n): boolean {
	const modules = dirname(dirname(dirname(installed.bin)));
	const file = join(modules, 'n8n', 'dist', 'active-executions.js');
	return existsSync(file) && readFileSync(file, 'utf8').includes('responsePromise.resolve({})');
}
