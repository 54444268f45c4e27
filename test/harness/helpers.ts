import { createServer } from 'node:net';

import type { ICredentialTestFunctions, INode } from 'n8n-workflow';

import { agilizeApiCredentialTest } from '../../nodes/Agilize/methods/credentialTest';
import { runWorkflow, type WorkflowJson, type WorkflowResult } from './engine/runWorkflow';
import { loadFixture } from './fixtures';
import { AgilizeMock, type MockOptions } from './mock/agilizeMock';

export const API_KEY = 'ak_live_5f3c9e1d7b2a4c68';

/**
 * A Base URL where nothing listens: a port this process had the system give a listener it then
 * closed, rather than a port assumed free (another service may listen on any fixed one).
 */
export async function unreachableBaseUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return `http://127.0.0.1:${port}`;
}

export { loadFixture, pinnedOutput } from './fixtures';

export function agilizeNode(workflow: WorkflowJson): INode {
	return workflow.nodes.find((node) => node.type === 'n8n-nodes-agilize.agilize') as INode;
}

/**
 * The assign-room fixture with its Items node swapped for `test.generatedItems` (register it with
 * standInNodes' `generatedItems`), which hands the Agilize node items as they are; the workflow
 * and its Agilize node.
 */
export function generatedItemsWorkflow(): { workflow: WorkflowJson; agilize: INode } {
	const workflow = loadFixture('assign-room');
	const source = workflow.nodes.find((node) => node.name === 'Items');
	if (!source) throw new Error('the assign-room fixture has no Items node');
	source.type = 'test.generatedItems';
	return { workflow, agilize: agilizeNode(workflow) };
}

/** A workflow whose Code node emits `items` and whose Agilize node has `parameters`. */
export function workflowWith(
	items: object[],
	parameters: INode['parameters'],
	onError?: INode['onError'],
) {
	const workflow = loadFixture('assign-room');
	const code = workflow.nodes.find((node) => node.name === 'Items') as INode;
	code.parameters.jsCode = `return ${JSON.stringify(items.map((json) => ({ json })))};`;
	const agilize = agilizeNode(workflow);
	agilize.parameters = { resource: 'chatRoom', operation: 'update', ...parameters };
	if (onError) agilize.onError = onError;
	return workflow;
}

/**
 * Workflows of one operation: `(parameters, items = [{}], onError)` gives the assign-room fixture
 * with its Agilize node set to `resource` → `operation` and `parameters`.
 */
export const operationWorkflow =
	(resource: string, operation: string) =>
	(parameters: INode['parameters'], items: object[] = [{}], onError?: INode['onError']) =>
		workflowWith(items, { resource, operation, ...parameters }, onError);

export interface MockedRun extends WorkflowResult {
	mock: AgilizeMock;
	/** Everything the run recorded, as text: what a user could ever see of it. */
	everything: string;
}

/** Runs `workflow` in the real engine against a fresh mock Agilize API on 127.0.0.1. */
export async function runAgainstMock(
	workflow: WorkflowJson,
	options: Partial<MockOptions> & {
		credentialKey?: string;
		baseUrl?: (mockUrl: string) => string;
	} = {},
): Promise<MockedRun> {
	const mock = await new AgilizeMock({ apiKey: API_KEY, ...options }).start();
	try {
		const baseUrl = options.baseUrl ? options.baseUrl(mock.baseUrl) : mock.baseUrl;
		const result = await runWorkflow(workflow, {
			agilizeApi: { apiKey: options.credentialKey ?? API_KEY, baseUrl },
		});
		const everything = JSON.stringify(result.run, (_key, value: unknown) =>
			value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value,
		);
		return { ...result, mock, everything };
	} finally {
		await mock.stop();
	}
}

/** The credential test as the editor's Test button runs it: with n8n-core's CredentialTestContext, against a fresh mock. */
export async function testCredential(
	apiKey: string,
	baseUrl: (mockUrl: string) => string,
	options: Partial<MockOptions> = {},
) {
	const { CredentialTestContext } = await import('n8n-core');
	const mock = await new AgilizeMock({ apiKey: API_KEY, ...options }).start();
	try {
		const context = new CredentialTestContext() as unknown as ICredentialTestFunctions;
		const result = await agilizeApiCredentialTest.call(context, {
			id: '1',
			name: 'Agilize account',
			type: 'agilizeApi',
			data: { apiKey, baseUrl: baseUrl(mock.baseUrl) },
		});
		return { result, requests: mock.requests };
	} finally {
		await mock.stop();
	}
}
