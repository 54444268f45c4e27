import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	ANSWER_SHAPE,
	MAX_BUTTON_LENGTH,
	MAX_BUTTONS,
	toAnswer,
	type MessageInput,
	type VariableInput,
} from '../../shared/chatbotAnswer';
import { InvalidInputError } from '../../shared/values';
import { toItemError } from '../itemErrors';
import type { LocalOperation } from '../operations';

const showOnlyForChatbotReply = { show: { resource: ['chatbot'], operation: ['reply'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Messages',
		name: 'messages',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Message',
		default: {},
		description: 'The messages the contact gets, in this order',
		displayOptions: showOnlyForChatbotReply,
		options: [
			{
				name: 'values',
				displayName: 'Message',
				values: [
					{
						displayName: 'Buttons',
						name: 'buttons',
						type: 'string',
						typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Button' },
						default: [],
						description: `Choices the contact can tap: at most ${MAX_BUTTONS} of at most ${MAX_BUTTON_LENGTH} characters (WhatsApp's limits). The contact's pick comes back as interactiveReply in the next call.`,
					},
					{
						displayName: 'File MIME Type',
						name: 'fileMimeType',
						type: 'string',
						default: '',
						placeholder: 'e.g. application/pdf',
						description:
							"Type of the file. Left empty, it follows from the URL's extension (.pdf, .png, .jpg, .mp4, …).",
					},
					{
						displayName: 'File URL',
						name: 'fileUrl',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://example.com/plan.pdf',
						description:
							'Public http(s) address of a file the contact receives with the message: a document, an image, a video',
					},
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						typeOptions: { rows: 3 },
						default: '',
						description:
							"The message's text: written here, or an AI Agent's answer by expression (its output field)",
					},
				],
			},
		],
	},
	{
		displayName: 'Keep Conversation Here',
		name: 'keepHere',
		type: 'boolean',
		default: false,
		description:
			"Whether the contact's next message comes to this workflow again; otherwise the conversation goes back to the Agilize flow (keepHere)",
		displayOptions: showOnlyForChatbotReply,
	},
	{
		displayName: 'Variables',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		description: "Variables to save in the Agilize flow, by name, such as the contact's choice",
		displayOptions: showOnlyForChatbotReply,
		options: [
			{
				name: 'values',
				displayName: 'Variable',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. OPTION_VAL',
						description: "Name of the Agilize flow's variable",
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description:
							"Value to save, for example the contact's choice (interactiveReply) by expression",
					},
				],
			},
		],
	},
];

function keepHereOf(value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new InvalidInputError(
		`"Keep Conversation Here" must be true or false, not ${JSON.stringify(value) ?? String(value)}`,
	);
}

/** The webhook's answer, for n8n to send when the trigger waits for this node (else it ignores it). */
async function answer(context: IExecuteFunctions, statusCode: number, body: IDataObject) {
	await (context as Partial<IExecuteFunctions>).sendResponse?.({
		body,
		headers: { 'content-type': 'application/json; charset=utf-8' },
		statusCode,
	});
}

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/**
 * One answer per item, checked; the first is sent to Agilize at once. n8n takes it when the
 * Agilize Chatbot Trigger responds "When Chatbot → Reply Runs" (as Respond to Webhook's answer)
 * and ignores it otherwise; then the trigger answers with the last node's first item. When the
 * node fails, or the first answer is bad, the call gets HTTP 500 naming the error.
 */
async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	// n8n names the tool variant of every node `<name>Tool`.
	if (node.type.endsWith('Tool')) {
		throw new NodeOperationError(
			node,
			"Chatbot → Reply cannot be an AI agent's tool: it answers the Agilize Chatbot Trigger's call",
			{
				description:
					'Put it in the main flow after the AI Agent: Agilize Chatbot Trigger → AI Agent → Agilize (Chatbot → Reply), with a message text such as {{ $json.output }}.',
			},
		);
	}
	const items = this.getInputData();
	const results: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let error: NodeApiError | NodeOperationError;
		try {
			const built = toAnswer(
				list<MessageInput>(this.getNodeParameter('messages.values', itemIndex, [])),
				keepHereOf(this.getNodeParameter('keepHere', itemIndex, false)),
				list<VariableInput>(this.getNodeParameter('variables.values', itemIndex, [])),
			);
			results.push({ json: built, pairedItem: { item: itemIndex } });
			continue;
		} catch (cause) {
			error = toItemError(node, cause, itemIndex);
		}
		if (!this.continueOnFail()) {
			// n8n would answer a call waiting for this node with an empty 200 once the execution ends.
			await answer(this, 500, { message: 'Error in workflow', error: error.message });
			throw error;
		}
		results.push({ json: { error: error.message }, error, pairedItem: { item: itemIndex } });
	}
	const [first] = results;
	if (first?.error) {
		await answer(this, 500, { message: 'Error in workflow', error: first.error.message });
	} else if (first) {
		await answer(this, 200, first.json);
	}
	return [results];
}

export const reply: LocalOperation = {
	local: true,
	option: {
		name: 'Reply',
		value: 'reply',
		action: 'Reply to an Agilize chatbot call',
		description: `Answer the Agilize Chatbot Trigger's call with ${ANSWER_SHAPE}: messages to the contact, where the conversation goes next, variables to save`,
	},
	properties,
	execute,
};
