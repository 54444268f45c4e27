import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const MAX_TIMEOUT_MS = 2_147_483_647;

export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	description: 'How the requests of one execution are sent',
	options: [
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description:
				'Whether to only validate each item and build its request, without sending it: the output shows the method, URL and body that would be sent (never the API key)',
		},
		{
			displayName: 'Max Concurrent Requests',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 5,
			description: 'How many requests may be in flight at once; output items keep the input order',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'Spread the requests evenly so that at most this many start each second, e.g. your Agilize plan’s rate limit. Every execution in this n8n process (or queue worker) that uses the same credential shares one pace, and the smallest value set among them applies: in queue mode, set it to the limit divided by the number of workers. 0 means no cap: the node still slows down by itself when Agilize answers HTTP 429.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 3,
			description:
				'How often to retry an item after a transient failure (HTTP 502, 503, 504, a reset connection or a timeout), with exponential backoff and honouring Retry-After. An HTTP 429 is retried after the wait Agilize asks for, without counting here (up to 20 times per item): a lone 429 pauses every request using the credential; once 429s persist the node paces itself and a 429 delays only its own request. Waiting for a turn counts nowhere, but an item that has waited 5 minutes fails. 0 turns all retrying off.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			// Node's timers cap a delay at 2^31 - 1 ms (about 24 days); beyond it they fire at once.
			typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_MS, numberPrecision: 0 },
			default: 30000,
			description:
				'Milliseconds one attempt may take in all (connecting, waiting for the answer and reading it) before it counts as timed out',
		},
	],
};

interface RunOptions {
	/** Requests in flight at once for this execution. */
	concurrency: number;
	maxRetries: number;
	/** Milliseconds one attempt may take. */
	timeoutMs: number;
	/** 0: no cap. */
	maxRequestsPerSecond: number;
	/** Build and show each request instead of sending it. */
	dryRun: boolean;
}

/** The Options of this execution: read once (item 0), since they shape the whole run. */
export function readRunOptions(this: IExecuteFunctions): RunOptions {
	const values = this.getNodeParameter('options', 0, {}) as IDataObject;
	const optionNamed = (name: string) =>
		(optionsProperty.options as INodeProperties[]).find((o) => o.name === name) as INodeProperties;
	const fail = (name: string, problem: string, raw: unknown): never => {
		throw new NodeOperationError(
			this.getNode(),
			`Options: "${optionNamed(name).displayName}" (${name}) ${problem}, got ${JSON.stringify(raw) ?? String(raw)}`,
		);
	};
	const read = (
		name: string,
		min: number,
		whole = true,
		max = Number.POSITIVE_INFINITY,
	): number => {
		const raw = values[name];
		if (raw === undefined || raw === '') return optionNamed(name).default as number;
		const value = typeof raw === 'string' ? Number(raw.trim()) : raw;
		if (
			typeof value !== 'number' ||
			!Number.isFinite(value) ||
			(whole && !Number.isInteger(value)) ||
			value < min ||
			value > max
		) {
			const range = max < Number.POSITIVE_INFINITY ? `from ${min} to ${max}` : `of at least ${min}`;
			return fail(name, `must be a ${whole ? 'whole ' : ''}number ${range}`, raw);
		}
		return value;
	};
	const dryRun = values.dryRun ?? false;
	if (typeof dryRun !== 'boolean') fail('dryRun', 'must be true or false', dryRun);
	return {
		concurrency: read('concurrency', 1),
		maxRetries: read('maxRetries', 0),
		timeoutMs: read('timeout', 1, true, MAX_TIMEOUT_MS),
		maxRequestsPerSecond: read('maxRequestsPerSecond', 0, false),
		dryRun: dryRun === true,
	};
}
