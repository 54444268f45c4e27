import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	leaseRateLimiter,
	readCredential,
	urlOf,
	type Sender,
	type Credential,
} from '../transport/connection';
import { sendRequest } from '../transport/request';
import type { FullResponse } from '../transport/types';
import { toAgentAnswer, toItemError, type ItemError } from './itemErrors';
import type { LocalOperation, Operation, OperationContext, Resource } from './operations';
import { readRunOptions } from './options';
import { createParameterReader } from './parameters';
import { RunReport } from './runReport';

const CREDENTIAL_TYPE = 'agilizeApi';

/**
 * Runs `task(0)` … `task(count - 1)`, starting them in order with at most `concurrency` running
 * at once, and starts no more once `stop()` says so. Tasks must not throw.
 */
export async function runPool(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<void>,
	stop: () => boolean,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count && !stop()) {
			await task(next++);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

function operationOf(this: IExecuteFunctions, resources: Resource[]): Operation | LocalOperation {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources.find(({ value }) => value === resource)?.operations[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resource}" is not supported`,
		);
	}
	return operation;
}

/** The credential's Base URL and key, checked before anything is sent. */
async function credentialOf(this: IExecuteFunctions): Promise<Credential> {
	const credential = readCredential(await this.getCredentials(CREDENTIAL_TYPE));
	if ('error' in credential) {
		throw new NodeOperationError(this.getNode(), credential.error, {
			description:
				'Open the Agilize API credential and correct its Base URL, e.g. https://api.agilize.app.',
		});
	}
	return credential;
}

/**
 * Runs the chosen operation for every input item, up to "Max Concurrent Requests" at once.
 * Output item i is input item i's result, whatever order the responses arrive in.
 */
export async function route(
	this: IExecuteFunctions,
	resources: Resource[],
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const operation = operationOf.call(this, resources);
	if ('local' in operation) return await operation.execute.call(this);
	// n8n names the tool variant of every node `<name>Tool` (and itself tells tools apart so).
	const asAgentTool = node.type.endsWith('Tool');
	const options = readRunOptions.call(this);
	const { baseUrl, apiKey } = await credentialOf.call(this);
	const context: OperationContext = {
		parameter: createParameterReader(this, operation, asAgentTool),
		timeZone: this.getTimezone(),
	};
	const cancelSignal = this.getExecutionCancelSignal?.();
	const continueOnFail = this.continueOnFail();
	// Last, once nothing can throw: released below when the items are done.
	const lease = leaseRateLimiter(baseUrl, apiKey, options.maxRequestsPerSecond);
	const sender: Sender = {
		baseUrl,
		apiKey,
		send: async (request) => (await this.helpers.httpRequest(request)) as FullResponse,
		timeoutMs: options.timeoutMs,
		maxRetries: options.maxRetries,
		rateLimiter: lease.rateLimiter,
		cancelSignal,
	};

	// The logger and hints exist in every n8n this package supports, but not in every context
	// (tool mode on older releases): they are optional here.
	const report = new RunReport((this as Partial<IExecuteFunctions>).logger, options);
	const results: Array<INodeExecutionData | undefined> = new Array(items.length);
	let failure: ItemError | undefined;
	const runItem = async (itemIndex: number) => {
		try {
			const request = operation.request(context, itemIndex);
			let json: IDataObject;
			if (options.dryRun) {
				json = { method: request.method, url: urlOf(baseUrl, request.path), body: request.body };
			} else {
				json = (await sendRequest(request, sender, report.eventsFor(itemIndex))) ?? {
					success: true,
				};
				report.itemSucceeded();
			}
			results[itemIndex] = { json, pairedItem: { item: itemIndex } };
		} catch (error) {
			report.itemFailed(error);
			const itemError = toItemError(node, error, itemIndex);
			const pairedItem = { item: itemIndex };
			if (asAgentTool) {
				results[itemIndex] = {
					json: toAgentAnswer(itemError, error, operation.notFoundAdvice),
					pairedItem,
				};
			} else if (continueOnFail) {
				// `{ error }` alone is what n8n routes to the error output.
				results[itemIndex] = { json: { error: itemError.message }, error: itemError, pairedItem };
			} else {
				failure ??= itemError;
			}
		}
	};
	try {
		// Without Continue On Fail, the first failure stops new requests; in-flight ones finish.
		const stop = () => failure !== undefined || cancelSignal?.aborted === true;
		await runPool(items.length, options.concurrency, runItem, stop);
	} finally {
		// Every item is done: the limiter is let go once no execution of this credential runs.
		lease.release();
	}

	const hints = report.finish(items.length, lease.rateLimiter.pace());
	if (hints.length) (this as Partial<IExecuteFunctions>).addExecutionHints?.(...hints);
	if (failure) throw failure;
	// Items never started because the execution was stopped: a shorter output would read as success.
	if (cancelSignal?.aborted && results.includes(undefined)) {
		throw new NodeOperationError(node, 'The execution was canceled before every item was sent');
	}
	return [results.filter((item): item is INodeExecutionData => item !== undefined)];
}
