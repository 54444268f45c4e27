import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { WorkflowJson } from '../workflowJson';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IExecuteResponsePromiseData,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { AgilizeApi } from '../../../credentials/AgilizeApi.credentials';
import { Agilize } from '../../../nodes/Agilize/Agilize.node';
import { TestCredentialsHelper } from './credentialsHelper';
import { code, manualTrigger, webhook } from './standInNodes';

// n8n-core keeps its instance settings under the user folder; never touch the real ~/.n8n.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'agilize-n8n-'));
// n8n's error reporter logs every node error it is handed; the tests assert them instead.
process.env.N8N_LOG_LEVEL ??= 'silent';

export type { WorkflowJson } from '../workflowJson';

/** The package under test: its sources by default, or its build (the demo loads `dist/`). */
export interface PackageUnderTest {
	node: INodeType;
	credential: ICredentialType;
	/** More node types by name, e.g. a test's own source of items. */
	extraNodeTypes?: Record<string, INodeType>;
}

export const fromSources: PackageUnderTest = { node: new Agilize(), credential: new AgilizeApi() };

function nodeTypesFor(pkg: PackageUnderTest): INodeTypes {
	const byName: Record<string, INodeType> = {
		'n8n-nodes-agilize.agilize': pkg.node,
		'n8n-nodes-base.manualTrigger': manualTrigger,
		'n8n-nodes-base.code': code,
		'n8n-nodes-base.webhook': webhook,
		...pkg.extraNodeTypes,
	};
	return {
		getByName: (name) => byName[name],
		getByNameAndVersion: (name) => byName[name],
		getKnownTypes: () => ({}),
	};
}

export interface WorkflowResult {
	run: IRun;
	/** The items a node emitted on its outputs (index 0 = main, 1 = error output if enabled). */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The error the execution stopped with, if any. */
	error: IRun['data']['resultData']['error'];
}

/**
 * Runs a workflow in n8n-core's real engine (WorkflowExecute, the real node execution context and
 * request helpers), with `credentials` standing in for n8n's credential store. Aborting `cancel`
 * cancels the execution as the editor's Stop button does. `onResponse` receives what a node sends
 * as the webhook's answer (`sendResponse`), as n8n's webhook server would.
 */
export async function runWorkflow(
	workflowJson: WorkflowJson,
	credentials: { agilizeApi: ICredentialDataDecryptedObject },
	pkg: PackageUnderTest = fromSources,
	cancel?: AbortSignal,
	onResponse?: (response: IExecuteResponsePromiseData) => void,
): Promise<WorkflowResult> {
	// Loaded late so that N8N_USER_FOLDER is set before n8n-core reads it.
	const { ExecutionLifecycleHooks, WorkflowExecute } = await import('n8n-core');
	const { Workflow } = await import('n8n-workflow');

	const workflow = new Workflow({
		id: 'test',
		name: workflowJson.name,
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		active: false,
		nodeTypes: nodeTypesFor(pkg),
		settings: workflowJson.settings,
		pinData: workflowJson.pinData,
	});
	const credentialsHelper = new TestCredentialsHelper({ agilizeApi: pkg.credential }, credentials);
	const additionalData = {
		credentialsHelper,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formBaseUrl: 'http://127.0.0.1/form',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1/form-test',
		mcpBaseUrl: 'http://127.0.0.1/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1/mcp-test',
		variables: {},
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
	additionalData.hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test',
		name: workflowJson.name ?? 'test',
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	});
	if (onResponse) additionalData.hooks.addHandler('sendResponse', onResponse);

	const targets = new Set(
		Object.values(workflowJson.connections).flatMap((outputs) =>
			(outputs.main ?? []).flat().map((c) => c?.node),
		),
	);
	const startNode = workflowJson.nodes.find((node) => !targets.has(node.name));
	const pinData = workflowJson.pinData;
	const execution = new WorkflowExecute(additionalData, 'manual').run({
		workflow,
		startNode,
		pinData,
	});
	cancel?.addEventListener('abort', () => execution.cancel(), { once: true });
	const run = await execution;
	return {
		run,
		output: (nodeName, outputIndex = 0) =>
			run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[outputIndex] ?? [],
		error: run.data.resultData.error,
	};
}
