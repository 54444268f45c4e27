/** What the API must receive for create-template.workflow.json; used in-process and in real n8n. */
export const createTemplateRequests = [
	[
		'POST',
		'/messenger/chat/messageTemplate',
		{
			business: '6814aa00da5bfc9d9c85b001',
			phone: '+551143214321',
			name: 'order_update',
			language: 'pt_BR',
			category: 'UTILITY',
			bodyText: 'Olá {{1}}, seu pedido {{2}} saiu para entrega.',
			body: { text: 'Olá {{1}}, seu pedido {{2}} saiu para entrega.' },
			useCount: 0,
			hasPaymentBtn: false,
		},
	],
];

/** What the API must receive for create-template-json.workflow.json: the JSON is the whole body. */
export const createTemplateJsonRequests = [
	[
		'POST',
		'/messenger/chat/messageTemplate',
		{
			business: '6814aa00da5bfc9d9c85b001',
			phone: '+551143214321',
			name: 'welcome',
			language: 'en_US',
			header: { type: 'text', text: 'Welcome' },
		},
	],
];
