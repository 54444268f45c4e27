import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

/**
 * n8n-nodes-base is not a dependency (it is most of n8n), so the in-process engine runs the
 * workflow fixtures' Manual Trigger, Code and (pinned) Webhook nodes with these stand-ins. The fixtures keep their
 * Code to `return [...]` of literal items, which both these and n8n's Code node run alike.
 */
export const manualTrigger: INodeType = {
	description: {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Stand-in',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	},
	async execute(): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	},
};

export const code: INodeType = {
	description: {
		displayName: 'Code',
		name: 'code',
		group: ['transform'],
		version: [1, 2],
		description: 'Stand-in',
		defaults: { name: 'Code' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Code', name: 'jsCode', type: 'string', default: '' }],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const jsCode = this.getNodeParameter('jsCode', 0) as string;
		const items = new Function(jsCode)() as INodeExecutionData[];
		return [items.map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
	},
};

/** Stands in for n8n's Webhook node; examples pin its data, so it never executes here. */
export const webhook: INodeType = {
	description: {
		displayName: 'Webhook',
		name: 'webhook',
		group: ['trigger'],
		version: [1, 2],
		description: 'Stand-in',
		defaults: { name: 'Webhook' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	},
	async execute(): Promise<INodeExecutionData[][]> {
		throw new Error('The Webhook stand-in runs only with pinned data');
	},
};

/**
 * A source node that emits `items` as they are (Dates, Luxon DateTimes, frozen objects and all),
 * without the JSON round trip a Code node's text would make. Register it as `test.generatedItems`.
 */
export const generatedItems = (items: INodeExecutionData[]): INodeType => ({
	description: {
		displayName: 'Generated Items',
		name: 'generatedItems',
		group: ['transform'],
		version: 1,
		description: 'Test source',
		defaults: { name: 'Generated Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		return [items];
	},
});
