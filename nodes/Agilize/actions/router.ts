import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ExecutionContext } from '../context';
import { InvalidInputError } from '../shared/inputErrors';
import { agilizeApiRequest } from '../transport/request';
import { leasePacer, type PacerLease } from '../transport/pacers';
import { readBaseUrl } from '../transport/url';
import { toAgentAnswer } from './agentAnswer';
import { chatRoomOperations } from './chatRoom';
import { createParameterReader } from './parameterReader';
import { readRunOptions } from './options';
import { runPool } from './pool';
import type { Operation } from './types';

export const CREDENTIAL_TYPE = 'agilizeApi';

const operationsByResource: Record<string, Record<string, Operation>> = {
	chatRoom: chatRoomOperations,
};

/**
 * Everything the items of this execution share, read once; nothing of it outlives the execution
 * but the pacer, shared with the other executions of the same credential: `lease` must be released.
 */
async function readExecutionContext(this: IExecuteFunctions): Promise<ExecutionContext & { lease: PacerLease }> {
	const node = this.getNode();
	// n8n names the tool variant of every node `<name>Tool` (and itself tells tools apart so).
	const asAgentTool = node.type.endsWith('Tool');
	const options = readRunOptions.call(this);
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const base = readBaseUrl(credentials.baseUrl);
	if ('error' in base) {
		throw new NodeOperationError(node, base.error, {
			description: 'Open the Agilize API credential and correct its Base URL, e.g. https://api.agilize.app.',
		});
	}
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : String(credentials.apiKey ?? '');
	const timeZone = this.getTimezone();
	const parameters = createParameterReader(this, asAgentTool);
	const cancelSignal = this.getExecutionCancelSignal?.();
	// Last, once nothing can throw: the route releases it when the items are done.
	const lease = leasePacer(base.baseUrl, apiKey, options.maxRequestsPerSecond);
	return {
		node,
		baseUrl: base.baseUrl,
		apiKey,
		timeZone,
		...options,
		lease,
		pacer: lease.pacer,
		asAgentTool,
		parameters,
		cancelSignal,
	};
}

/**
 * The item's error, built once: the transport's NodeApiError and errors already built for the
 * item pass through; bad input gets the item's number; anything else is still this item's error.
 */
function toItemError(this: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof InvalidInputError) {
		return new NodeOperationError(this.getNode(), `${error.message} [item ${itemIndex}]`, {
			itemIndex,
			description: error.description,
		});
	}
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

/**
 * Runs the chosen operation for every input item, up to "Max Concurrent Requests" at once.
 * Output item i is input item i's result, whatever order the responses arrive in.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operationsByResource[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resource}" is not supported`,
		);
	}
	const context = await readExecutionContext.call(this);

	const continueOnFail = this.continueOnFail();
	const results: Array<INodeExecutionData | undefined> = new Array(items.length);
	let failure: NodeApiError | NodeOperationError | undefined;

	try {
		await runPool(
			items.length,
			context.concurrency,
			async (itemIndex) => {
				try {
					const request = operation.toRequest.call(this, itemIndex, context);
					const json = context.dryRun
						? { method: request.method, url: `${context.baseUrl}${request.path}`, body: request.body }
						: ((await agilizeApiRequest.call(this, request, context, itemIndex)) ?? { success: true });
					results[itemIndex] = { json, pairedItem: { item: itemIndex } };
				} catch (error) {
					const itemError = toItemError.call(this, error, itemIndex);
					if (context.asAgentTool) {
						results[itemIndex] = { json: toAgentAnswer(itemError), pairedItem: { item: itemIndex } };
						return;
					}
					if (!continueOnFail) {
						failure ??= itemError;
						return;
					}
					// `{ error }` alone is what n8n routes to the error output.
					results[itemIndex] = { json: { error: itemError.message }, error: itemError, pairedItem: { item: itemIndex } };
				}
			},
			// Without Continue On Fail, the first failure stops new requests; in-flight ones finish.
			() => failure !== undefined || context.cancelSignal?.aborted === true,
		);
	} finally {
		// Every item is done: the pacer is let go once no execution of this credential runs.
		context.lease.release();
	}

	if (failure) throw failure;
	// Items never started because the execution was stopped: a shorter output would read as success.
	if (context.cancelSignal?.aborted && results.includes(undefined)) {
		throw new NodeOperationError(this.getNode(), 'The execution was canceled before every item was sent');
	}
	return [results.filter((item): item is INodeExecutionData => item !== undefined)];
}
