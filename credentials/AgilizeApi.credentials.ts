import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class AgilizeApi implements ICredentialType {
	name = 'agilizeApi';

	displayName = 'Agilize API';

	icon: Icon = {
		light: 'file:../nodes/Agilize/agilize.svg',
		dark: 'file:../nodes/Agilize/agilize.dark.svg',
	};

	documentationUrl = 'https://github.com/agilize/n8n-nodes-agilize#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Integration API key generated in the Agilize admin panel, sent as the x-api-key header',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.agilize.app',
			description: 'Address of the Agilize API; change it only to reach a staging or mock server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
			},
		},
	};
}
