import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ApiRequest } from '../transport/request';

/** What an operation reads for one item: its parameters, and the workflow's timezone. */
export interface OperationContext {
	/**
	 * One parameter's value for one item, as `getNodeParameter(name, itemIndex, fallback)` gives
	 * it; an expression n8n cannot evaluate throws an InvalidInputError that names it.
	 */
	parameter(name: string, itemIndex: number, fallback?: unknown): unknown;
	/** Where date-times without an offset are read (Workflow settings → Timezone). */
	timeZone: string;
}

/** One operation of one resource: its UI fields and the request it makes of one input item. */
export interface Operation {
	option: { name: string; value: string; action: string; description: string };
	properties: INodeProperties[];
	/**
	 * How error messages name a parameter whose API name is not its own, e.g. roomId → `_id`; the
	 * others are named by their path, such as `updateFields.utm.values.source`.
	 */
	apiNames?: Record<string, string>;
	/** The request for one item, its parameters read and checked; nothing is sent here. */
	request(context: OperationContext, itemIndex: number): ApiRequest;
	/** What an AI agent should change after a 404, in the operation's words. */
	notFoundAdvice: string;
}

/**
 * An operation that sends no request to Agilize: it builds its output items itself, needs no
 * credential, and the router hands it the whole execution.
 */
export interface LocalOperation {
	local: true;
	option: Operation['option'];
	properties: INodeProperties[];
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]>;
}

export interface Resource {
	name: string;
	value: string;
	operations: Record<string, Operation | LocalOperation>;
	/**
	 * The operation a saved workflow that stores none runs (n8n does not store a parameter left at
	 * its default): fixed once released, whatever operations are added.
	 */
	defaultOperation: string;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/**
 * The Resource selector, then each resource's Operation selector and its operations' fields.
 * Options are sorted by name, as n8n's UI expects; the defaults are declared, never the first
 * option, so that adding a resource or an operation changes no saved workflow.
 */
export function resourceProperties(
	resources: Resource[],
	defaultResource: string,
): INodeProperties[] {
	const resourceProperty: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map(({ name, value }) => ({ name, value })).sort(byName),
		default: defaultResource,
	};
	return [
		resourceProperty,
		...resources.flatMap(({ value, operations, defaultOperation }) => {
			const all = Object.values(operations);
			const operationProperty: INodeProperties = {
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: [value] } },
				options: all.map((operation) => operation.option).sort(byName),
				default: defaultOperation,
			};
			return [operationProperty, ...all.flatMap((operation) => operation.properties)];
		}),
	];
}
