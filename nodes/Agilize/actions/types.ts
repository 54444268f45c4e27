import type { ICredentialsDecrypted, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RateLimitGate, RetryPolicy } from '../transport/retry';

/** What every item of one node execution shares: read once, not per item. */
export interface ExecutionContext {
	baseUrl: string;
	timeZone: string;
	/** The API key, so that errors can be scrubbed of it. */
	secret?: string;
	/** Decrypted once per execution and handed to every request, instead of once per request. */
	credentials: ICredentialsDecrypted;
	retry: RetryPolicy;
	gate: RateLimitGate;
}

/** One operation of one resource: its UI fields and what it does for one input item. */
export interface Operation {
	option: { name: string; value: string; action: string; description: string };
	properties: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext): Promise<IDataObject>;
}
