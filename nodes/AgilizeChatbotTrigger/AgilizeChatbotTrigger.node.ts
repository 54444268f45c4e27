import { createHash, timingSafeEqual } from 'node:crypto';

import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { ANSWER_SHAPE, type DelegateCall } from '../Agilize/shared/chatbotAnswer';
import { MAIN_CONNECTION } from '../Agilize/shared/compat';
import { isPlainObject } from '../Agilize/shared/values';

const HEADER_AUTH_CREDENTIAL = 'httpHeaderAuth';

/** Equal texts, compared in constant time (their digests are, whatever their lengths). */
function sameSecret(received: string, expected: string): boolean {
	const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
	return timingSafeEqual(digest(received), digest(expected));
}

/** Whether the call carries the Header Auth credential's header with its value. */
async function isAuthorized(context: IWebhookFunctions): Promise<boolean> {
	if (context.getNodeParameter('authentication', 'none') !== 'headerAuth') return true;
	let expected: IDataObject;
	try {
		expected = await context.getCredentials(HEADER_AUTH_CREDENTIAL);
	} catch {
		// No credential set or readable: nobody gets in.
		return false;
	}
	const name = typeof expected.name === 'string' ? expected.name.trim().toLowerCase() : '';
	const value = typeof expected.value === 'string' ? expected.value : '';
	const received = context.getHeaderData()[name];
	if (!name || !value || typeof received !== 'string') return false;
	return sameSecret(received, value);
}

/**
 * Whether an Agilize node follows the trigger, to answer "When Chatbot → Reply Runs": without one,
 * n8n would answer every call with an empty 200 once the execution ends.
 */
function hasReplyAfter(context: IWebhookFunctions): boolean {
	const node = context.getNode();
	const agilize = node.type.replace(/\.[^.]+$/, '.agilize');
	return context.getChildNodes(node.name).some(({ type }) => type === agilize);
}

/** The trigger's own answer to the call: no execution starts. */
function refuse(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

export class AgilizeChatbotTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Agilize Chatbot Trigger',
		name: 'agilizeChatbotTrigger',
		icon: { light: 'file:agilize.svg', dark: 'file:agilize.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["authentication"] === "headerAuth" ? "POST, Header Auth" : "POST"}}',
		description:
			'Starts the workflow when an Agilize chatbot flow hands a conversation to it, and answers with the messages the contact gets',
		eventTriggerDescription: 'Waiting for you to call the Test URL',
		activationMessage:
			"You can now point the Agilize chatbot flow's delegate step at the Production URL.",
		defaults: { name: 'Agilize Chatbot Trigger' },
		triggerPanel: {
			header: '',
			executionsHelp: {
				inactive:
					"While building the workflow, click 'Listen for test event' and let the Agilize flow call the Test URL: the call shows in the editor. Once the workflow is active (published), point the Agilize flow at the Production URL: its calls run in the background, listed under Executions.",
				active:
					"The Agilize flow's calls to the Production URL run in the background, listed under Executions. For a call to show in the editor, deactivate the workflow, click 'Listen for test event' and call the Test URL.",
			},
			activationHint:
				"Once you have finished building the workflow, activate it, then set the Agilize chatbot flow's delegate step to the Production URL.",
		},
		inputs: [],
		outputs: [MAIN_CONNECTION],
		credentials: [
			{
				// n8n's own Header Auth credential, as n8n's Webhook node uses it: the secret a caller must send.
				name: HEADER_AUTH_CREDENTIAL,
				required: true,
				displayOptions: { show: { authentication: ['headerAuth'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: '={{$parameter["responseMode"]}}',
				responseData: 'firstEntryJson',
				// Path left empty: the node's webhook ID, a random UUID the editor gives each new node.
				path: '={{$parameter["path"] || $webhookId}}',
				isFullPath: true,
			},
		],
		properties: [
			{
				displayName:
					"Point the Agilize chatbot flow's delegate step at the Production URL above; the Test URL works while you listen for a test event",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: '',
				placeholder: 'Left empty: a random ID that cannot be guessed',
				description:
					"The URL's path after /webhook/. Left empty, it is this node's random ID, so the URL cannot be guessed; a path of your own is only as secret as it is hard to guess.",
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Header Auth',
						value: 'headerAuth',
						description:
							"Calls must carry the Header Auth credential's header with its value; others get 403 and start nothing",
					},
					{ name: 'None', value: 'none', description: 'Anyone with the URL can call it' },
				],
				default: 'none',
				description: 'Whether calls must carry a secret header',
			},
			{
				displayName: 'Respond',
				name: 'responseMode',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'When Chatbot → Reply Runs',
						value: 'responseNode',
						description: `The Agilize node's Chatbot → Reply answers ${ANSWER_SHAPE} the moment it runs; the workflow goes on after it`,
					},
					{
						name: 'When Last Node Finishes',
						value: 'lastNode',
						description: `The JSON of the last node's first item is the answer, e.g. ${ANSWER_SHAPE} from Chatbot → Reply`,
					},
				],
				default: 'lastNode',
				description:
					'When Agilize gets its answer. A failed workflow answers with an error status.',
			},
		],
	};

	/**
	 * Nothing to register at Agilize, whose API has no endpoint for it: the user sets the Production
	 * URL in the chatbot flow, as for n8n's own Webhook node. So the webhook always "exists".
	 */
	webhookMethods = {
		default: {
			checkExists: async (): Promise<boolean> => true,
			create: async (): Promise<boolean> => true,
			delete: async (): Promise<boolean> => true,
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (!(await isAuthorized(this))) return refuse(this, 403, 'Authorization is required');
		if (
			this.getNodeParameter('responseMode', 'lastNode') === 'responseNode' &&
			!hasReplyAfter(this)
		) {
			return refuse(
				this,
				500,
				'The Agilize Chatbot Trigger responds "When Chatbot → Reply Runs", but no Agilize node follows it: add Agilize → Chatbot → Reply, or set Respond to "When Last Node Finishes"',
			);
		}
		const body: unknown = this.getBodyData();
		if (!isPlainObject(body)) {
			return refuse(this, 400, "The call's body must be a JSON object, as Agilize sends it");
		}
		// Every key as received: vars, seq, interactiveReply and whatever else Agilize sends.
		const call: DelegateCall = body;
		return { workflowData: [[{ json: call }]] };
	}
}
