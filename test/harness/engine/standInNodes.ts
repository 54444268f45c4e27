import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeType,
	IRequestOptions,
} from 'n8n-workflow';

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

/**
 * Stands in for n8n's HTTP Request node (v4) with Authentication "None" or "Predefined Credential
 * Type": the same parameters, and the same helper call as its V3 code, `requestWithAuthentication`
 * with the chosen credential type, which is where n8n applies the credential's `authenticate`
 * block. Registered as n8n-nodes-base.httpRequest, the one node type n8n-core lets read any
 * credential type.
 */
export const httpRequest: INodeType = {
	description: {
		displayName: 'HTTP Request',
		name: 'httpRequest',
		group: ['output'],
		version: [4, 4.1, 4.2],
		description: 'Stand-in',
		defaults: { name: 'HTTP Request' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Authentication', name: 'authentication', type: 'string', default: 'none' },
			{ displayName: 'Credential Type', name: 'nodeCredentialType', type: 'string', default: '' },
			{ displayName: 'JSON', name: 'jsonBody', type: 'string', default: '' },
		],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
			const options: IRequestOptions = {
				method: this.getNodeParameter('method', itemIndex) as IHttpRequestMethods,
				uri: this.getNodeParameter('url', itemIndex) as string,
				body: JSON.parse(
					this.getNodeParameter('jsonBody', itemIndex, '{}') as string,
				) as IDataObject,
				headers: {},
				json: true,
			};
			try {
				const json = (
					this.getNodeParameter('authentication', itemIndex) === 'predefinedCredentialType'
						? await this.helpers.requestWithAuthentication.call(
								this,
								this.getNodeParameter('nodeCredentialType', itemIndex) as string,
								options,
								undefined,
								itemIndex,
							)
						: await this.helpers.request(options)
				) as IDataObject;
				output.push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	},
};
