/** What the API must receive for create-lead.workflow.json; used in-process and in real n8n. */
export const createLeadRequests = [
	[
		'POST',
		'/crm/lead/lead',
		{
			name: 'Maria Silva',
			tags: ['68141cd4da5bfc9d9c85b20f'],
			phones: [{ phone: '+5511999990000' }],
			emails: [{ email: 'maria@example.com' }],
		},
	],
	[
		'POST',
		'/crm/lead/lead',
		{ name: 'Comercial Souza Ltda', phones: [{ phone: '+551143214321' }] },
	],
];

/** The raw body of create-lead-json.workflow.json: a key the sample does not show, as given. */
export const createLeadJsonBody =
	'{"name":"Ana Costa","phones":[{"phone":"+5521988887777"}],"origin":"landing-page"}';
