import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { chatbot } from './actions/chatbot';
import { chatRoom } from './actions/chatRoom';
import { funnelStage } from './actions/funnelStage';
import { lead } from './actions/lead';
import { messageTemplate } from './actions/messageTemplate';
import { resourceProperties } from './actions/operations';
import { optionsProperty } from './actions/options';
import { route } from './actions/router';
import { agilizeApiCredentialTest } from './methods/credentialTest';
import { MAIN_CONNECTION } from './shared/compat';

const resources = [chatRoom, chatbot, funnelStage, lead, messageTemplate];

export class Agilize implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Agilize',
		name: 'agilize',
		icon: { light: 'file:agilize.svg', dark: 'file:agilize.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Work with Agilize, the omnichannel chat platform: update chat rooms (assignment, tags, archive state, UTM, idle rules), create leads, update funnel stages, create WhatsApp message templates, and reply to a chatbot’s delegated conversation',
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
		properties: [...resourceProperties(resources, 'chatRoom'), optionsProperty],
	};

	methods = {
		credentialTest: { agilizeApiCredentialTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, resources);
	}
}
