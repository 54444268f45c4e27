import type { INode } from 'n8n-workflow';

import type { Pacer } from './transport/pacer';

/**
 * One parameter's value for one item, as `getNodeParameter(name, itemIndex, fallback)` gives it.
 * Declared here, not beside its implementation in actions/, so that transport (which reads this
 * context) depends on nothing above it.
 */
export type ParameterReader = (name: string, itemIndex: number, fallback?: unknown) => unknown;

/**
 * What every item of one node execution shares, read once per execution and never kept between
 * executions: a worker in n8n's queue mode runs many executions, with different credentials, at
 * once. The one exception is the pacer, shared on purpose by the executions of one credential.
 */
export interface ExecutionContext {
	node: INode;
	/** The credential's Base URL, checked, without trailing slashes. */
	baseUrl: string;
	/** The credential's API key: sent as x-api-key and scrubbed from every error. */
	apiKey: string;
	timeZone: string;
	concurrency: number;
	maxRequestsPerSecond: number;
	maxRetries: number;
	/** Milliseconds one attempt may take. */
	timeoutMs: number;
	/**
	 * Paces the requests: Max Requests per Second, and what 429s taught it. Shared with every
	 * execution in this process that uses the same credential (see transport/pacers.ts).
	 */
	pacer: Pacer;
	/** The node runs as an AI agent's tool (agilizeTool): failures are answers the agent reads. */
	asAgentTool: boolean;
	/** Build and show each request instead of sending it. */
	dryRun: boolean;
	/** Reads a parameter for one item (`{{ $json.path }}` leaves without the expression engine). */
	parameters: ParameterReader;
	/** Aborted when the user or n8n cancels the execution. */
	cancelSignal?: AbortSignal;
}
