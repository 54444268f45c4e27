import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { AgilizeChatbotTrigger } from '../../../../nodes/AgilizeChatbotTrigger/AgilizeChatbotTrigger.node';

const trigger = new AgilizeChatbotTrigger();
const SECRET = { name: 'X-Agilize-Secret', value: 's3cr3t-value-0f-the-flow' };

/** The trigger's webhook() for one call, with what n8n would hand it; what it answered. */
async function call(
	body: unknown,
	{
		authentication = 'none',
		responseMode = 'lastNode',
		children = [],
		headers = {},
		credential = SECRET,
	}: {
		authentication?: string;
		responseMode?: string;
		children?: string[];
		headers?: Record<string, string>;
		credential?: IDataObject | Error;
	} = {},
) {
	const answered: Array<{ status: number; body: unknown }> = [];
	const context = {
		getNodeParameter: (name: string, fallback: unknown) =>
			({ authentication, responseMode })[name] ?? fallback,
		getNode: () => ({
			name: 'Agilize Chatbot Trigger',
			type: 'n8n-nodes-agilize.agilizeChatbotTrigger',
		}),
		getChildNodes: (name: string) => {
			expect(name).toBe('Agilize Chatbot Trigger');
			return children.map((type) => ({ name: type, type, typeVersion: 1 }));
		},
		getCredentials: async (type: string) => {
			expect(type).toBe('httpHeaderAuth');
			if (credential instanceof Error) throw credential;
			return credential;
		},
		getHeaderData: () => headers,
		getBodyData: () => body,
		getResponseObject: () => ({
			status: (status: number) => ({
				json: (json: unknown) => answered.push({ status, body: json }),
			}),
		}),
	} as unknown as IWebhookFunctions;
	const result = await trigger.webhook.call(context);
	return { result, answered };
}

const body = {
	vars: { NAME: 'Ana' },
	seq: 1,
	interactiveReply: 'Opção A',
	chatId: 'c-9',
	extra: { nested: [1, 2] },
};

describe('Agilize Chatbot Trigger: the call as received, or refused before any execution', () => {
	test('one item holding the body as received, every key', async () => {
		const { result, answered } = await call(body);
		expect(result).toEqual({ workflowData: [[{ json: body }]] });
		expect(answered).toEqual([]);
	});

	test('Header Auth: the right header starts the workflow (header names in any case)', async () => {
		const { result } = await call(body, {
			authentication: 'headerAuth',
			headers: { 'x-agilize-secret': SECRET.value },
		});
		expect(result).toEqual({ workflowData: [[{ json: body }]] });
	});

	test.each([
		['no header', {}],
		['a wrong value', { 'x-agilize-secret': 's3cr3t-value-0f-the-flox' }],
		['a prefix of the value', { 'x-agilize-secret': 's3cr3t' }],
		['the value under another header', { authorization: SECRET.value }],
	])('Header Auth, %s: 403 and no execution', async (_name, headers) => {
		const { result, answered } = await call(body, { authentication: 'headerAuth', headers });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answered).toEqual([{ status: 403, body: { message: 'Authorization is required' } }]);
	});

	test.each([
		['no credential to read', new Error('Node does not have any credentials set')],
		['a credential with an empty value', { name: 'X-Agilize-Secret', value: '' }],
	])('Header Auth with %s: nobody gets in', async (_name, credential) => {
		const { result, answered } = await call(body, {
			authentication: 'headerAuth',
			headers: { 'x-agilize-secret': '' },
			credential,
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answered).toEqual([{ status: 403, body: { message: 'Authorization is required' } }]);
	});

	test.each([
		['a list', [body]],
		['text', 'hello'],
		['nothing', undefined],
	])('a body that is %s: 400 and no execution', async (_name, bad) => {
		const { result, answered } = await call(bad);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answered).toEqual([
			{
				status: 400,
				body: { message: "The call's body must be a JSON object, as Agilize sends it" },
			},
		]);
	});

	test('responding "When Chatbot → Reply Runs": with an Agilize node after it, the workflow starts; without one, 500 and no execution', async () => {
		const started = await call(body, {
			responseMode: 'responseNode',
			children: ['@n8n/n8n-nodes-langchain.agent', 'n8n-nodes-agilize.agilize'],
		});
		expect(started.result).toEqual({ workflowData: [[{ json: body }]] });
		const refused = await call(body, {
			responseMode: 'responseNode',
			children: ['n8n-nodes-base.respondToWebhook'],
		});
		expect(refused.result).toEqual({ noWebhookResponse: true });
		expect(refused.answered).toEqual([
			{
				status: 500,
				body: {
					message:
						'The Agilize Chatbot Trigger responds "When Chatbot → Reply Runs", but no Agilize node follows it: add Agilize → Chatbot → Reply, or set Respond to "When Last Node Finishes"',
				},
			},
		]);
	});

	test('POST only, at the path given or else the node’s random webhook ID, answered as the Respond mode says', () => {
		expect(trigger.description.webhooks).toEqual([
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: '={{$parameter["responseMode"]}}',
				responseData: 'firstEntryJson',
				path: '={{$parameter["path"] || $webhookId}}',
				isFullPath: true,
			},
		]);
		const names = trigger.description.properties.map((property) => property.name);
		expect(names).toEqual(['notice', 'path', 'authentication', 'responseMode']);
		expect(trigger.description.credentials).toEqual([
			{
				name: 'httpHeaderAuth',
				required: true,
				displayOptions: { show: { authentication: ['headerAuth'] } },
			},
		]);
	});
});
