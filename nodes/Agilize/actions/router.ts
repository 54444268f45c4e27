import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../transport/request';
import { RateLimitGate } from '../transport/retry';
import { normalizeBaseUrl } from '../transport/url';
import { chatRoomOperations } from './chatRoom';
import { readRunOptions } from './options';
import { runPool } from './pool';
import type { ExecutionContext, Operation } from './types';

const operationsByResource: Record<string, Record<string, Operation>> = {
	chatRoom: chatRoomOperations,
};

/** A failure as n8n wants it: our own errors pass through, anything else is wrapped. */
function asNodeError(this: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeApiError) return error;
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

	const options = readRunOptions.call(this);
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	// Everything shared by the items lives here, per execution: n8n's queue mode runs many
	// executions in one process.
	const context: ExecutionContext = {
		baseUrl: normalizeBaseUrl(credentials.baseUrl),
		timeZone: this.getTimezone(),
		secret: typeof credentials.apiKey === 'string' ? credentials.apiKey : undefined,
		credentials: {
			id: this.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? '',
			name: this.getNode().credentials?.[CREDENTIAL_TYPE]?.name ?? '',
			type: CREDENTIAL_TYPE,
			data: credentials,
		},
		retry: { maxRetries: options.maxRetries, timeoutMs: options.timeoutMs },
		gate: new RateLimitGate(),
	};

	const continueOnFail = this.continueOnFail();
	const results: Array<INodeExecutionData | undefined> = new Array(items.length);
	let failure: NodeApiError | NodeOperationError | undefined;
	const cancelled = () => this.getExecutionCancelSignal?.()?.aborted === true;

	await runPool(
		items.length,
		options.concurrency,
		async (itemIndex) => {
			try {
				const json = await operation.execute.call(this, itemIndex, context);
				results[itemIndex] = { json, pairedItem: { item: itemIndex } };
			} catch (error) {
				const nodeError = asNodeError.call(this, error, itemIndex);
				if (!continueOnFail) {
					failure ??= nodeError;
					return;
				}
				// `{ error }` alone is what n8n routes to the error output.
				results[itemIndex] = { json: { error: nodeError.message }, error: nodeError, pairedItem: { item: itemIndex } };
			}
		},
		// Without Continue On Fail, the first failure stops new requests; in-flight ones finish.
		() => failure !== undefined || cancelled(),
	);

	if (failure) throw failure;
	return [results.filter((item): item is INodeExecutionData => item !== undefined)];
}
