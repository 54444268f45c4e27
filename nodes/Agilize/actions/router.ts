import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../transport/request';
import { normalizeBaseUrl } from '../transport/url';
import { chatRoomOperations } from './chatRoom';
import type { ExecutionContext, Operation } from './types';

const operationsByResource: Record<string, Record<string, Operation>> = {
	chatRoom: chatRoomOperations,
};

/** A failure as n8n wants it: our own errors pass through, anything else is wrapped. */
function asNodeError(this: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeApiError) return error;
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

/** Runs the chosen operation once per input item; output item i is paired with input item i. */
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

	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const context: ExecutionContext = {
		baseUrl: normalizeBaseUrl(credentials.baseUrl),
		timeZone: this.getTimezone(),
		secret: typeof credentials.apiKey === 'string' ? credentials.apiKey : undefined,
	};

	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const json = await operation.execute.call(this, itemIndex, context);
			returnData.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = asNodeError.call(this, error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			// `{ error }` alone is what n8n routes to the error output.
			returnData.push({ json: { error: nodeError.message }, error: nodeError, pairedItem: { item: itemIndex } });
		}
	}
	return [returnData];
}
