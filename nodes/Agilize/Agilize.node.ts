import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { chatbot } from './actions/chatbot';
import { chatRoom } from './actions/chatRoom';
import { resourceProperties } from './actions/operations';
import { optionsProperty } from './actions/options';
import { route } from './actions/router';
import { agilizeApiCredentialTest } from './methods/credentialTest';
import { MAIN_CONNECTION } from './shared/compat';

// The first is the default resource: a saved workflow that stores none is a Chat Room one.
const resources = [chatRoom, chatbot];

export class Agilize implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Agilize',
		name: 'agilize',
		icon: { light: 'file:agilize.svg', dark: 'file:agilize.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Update a chat room in Agilize, the omnichannel chat platform: assign it to a user or department, tag it, archive it, or set its channel data, UTM attribution or idle rules',
		defaults: { name: 'Agilize' },
		usableAsTool: true,
		inputs: [MAIN_CONNECTION],
		outputs: [MAIN_CONNECTION],
		credentials: [
			{
				name: 'agilizeApi',
				required: true,
				testedBy: 'agilizeApiCredentialTest',
				// Chatbot → Reply sends nothing to Agilize's API.
				displayOptions: { hide: { resource: ['chatbot'] } },
			},
		],
		properties: [...resourceProperties(resources), optionsProperty],
	};

	methods = {
		credentialTest: { agilizeApiCredentialTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, resources);
	}
}
