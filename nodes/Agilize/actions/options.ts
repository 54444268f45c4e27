import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ExecutionContext } from '../context';

export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	description: 'How the requests of one execution are sent',
	options: [
		{
			displayName: 'Max Concurrent Requests',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 5,
			description: 'How many requests may be in flight at once; output items keep the input order',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 3,
			description:
				'How often to retry an item after a transient failure (HTTP 429, 502, 503, 504, a reset connection or a timeout), with exponential backoff and honouring Retry-After. 0 turns retrying off.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 30000,
			description: 'Milliseconds to wait for each attempt before it counts as timed out',
		},
	],
};

/** The Options of this execution: read once (item 0), since they shape the whole run. */
export function readRunOptions(
	this: IExecuteFunctions,
): Pick<ExecutionContext, 'concurrency' | 'maxRetries' | 'timeoutMs'> {
	const values = this.getNodeParameter('options', 0, {}) as IDataObject;
	const read = (name: string, min: number): number => {
		const option = (optionsProperty.options as INodeProperties[]).find((o) => o.name === name) as INodeProperties;
		const { displayName } = option;
		const raw = values[name];
		if (raw === undefined || raw === '') return option.default as number;
		const value = typeof raw === 'string' ? Number(raw.trim()) : raw;
		if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
			throw new NodeOperationError(
				this.getNode(),
				`Options: "${displayName}" (${name}) must be a whole number of at least ${min}, got ${JSON.stringify(raw)}`,
			);
		}
		return value;
	};
	return {
		concurrency: read('concurrency', 1),
		maxRetries: read('maxRetries', 0),
		timeoutMs: read('timeout', 1),
	};
}
