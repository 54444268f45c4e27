import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import type { WorkflowJson } from '../../../harness/workflowJson';

/**
 * A conversation as Agilize's own delegate template plays it: the first call (seq 1) is answered
 * with a text, a PDF by URL and two buttons, keeping the conversation here; the next one, carrying
 * the contact's pick, with a text, the pick saved in vars, and the conversation handed back.
 */
export const firstCall = (name = 'Ana', plan = 'Pro'): IDataObject => ({
	vars: { NAME: name, PLAN: plan },
	seq: 1,
	chatId: `chat-${name}`,
	channel: 'whatsapp',
});

export const secondCall = (name = 'Ana', pick = 'Opção B'): IDataObject => ({
	vars: { NAME: name, PLAN: 'Pro' },
	seq: 2,
	interactiveReply: pick,
	chatId: `chat-${name}`,
	channel: 'whatsapp',
});

export const PDF_URL = 'https://pdfobject.com/pdf/sample.pdf';

/** The Reply of the first turn, its text by expression from the call's vars. */
export const firstTurnReply: INodeParameters = {
	resource: 'chatbot',
	operation: 'reply',
	messages: {
		values: [
			{ text: '=Olá {{ $json.vars.NAME }}! Você escolheu o plano {{ $json.vars.PLAN }}.' },
			{ text: 'Segue arquivo em PDF', fileUrl: PDF_URL },
			{ text: 'Escolha a opção a seguir', buttons: ['Opção A', 'Opção B'] },
		],
	},
	keepHere: true,
};

/** The Reply of the next turn: the contact's pick saved as OPTION_VAL. */
export const secondTurnReply: INodeParameters = {
	resource: 'chatbot',
	operation: 'reply',
	messages: {
		values: [{ text: 'Obrigado por informar sua opção, continuando fluxo pela plataforma.' }],
	},
	keepHere: false,
	variables: { values: [{ name: 'OPTION_VAL', value: '={{ $json.interactiveReply }}' }] },
};

/** Exactly what Agilize must receive for the first turn. */
export const firstAnswer = (name = 'Ana', plan = 'Pro') => ({
	messages: [
		{ text: `Olá ${name}! Você escolheu o plano ${plan}.` },
		{ text: 'Segue arquivo em PDF', file: { mimetype: 'application/pdf', fileUrl: PDF_URL } },
		{ text: 'Escolha a opção a seguir', buttons: { '0': 'Opção A', '1': 'Opção B' } },
	],
	keepHere: true,
	vars: {},
});

/** Exactly what Agilize must receive for the next turn. */
export const secondAnswer = (pick = 'Opção B') => ({
	messages: [{ text: 'Obrigado por informar sua opção, continuando fluxo pela plataforma.' }],
	keepHere: false,
	vars: { OPTION_VAL: pick },
});

const node = (
	id: number,
	name: string,
	type: string,
	parameters: INodeParameters,
	typeVersion = 1,
): INode => ({
	id: `00000000-0000-4000-8000-0000000c${String(id).padStart(4, '0')}`,
	name,
	type,
	typeVersion,
	position: [id * 220, 0],
	parameters,
});

export const TRIGGER = 'Agilize Chatbot Trigger';
export const REPLY = 'Reply';

/** Agilize Chatbot Trigger → Reply, the trigger's output pinned to `call` (runs in-process). */
export function replyWorkflow(
	call: IDataObject | IDataObject[],
	reply: INodeParameters,
): WorkflowJson {
	return {
		name: 'Agilize Chatbot: one reply',
		nodes: [
			node(1, TRIGGER, 'n8n-nodes-agilize.agilizeChatbotTrigger', {}),
			node(2, REPLY, 'n8n-nodes-agilize.agilize', reply),
		],
		connections: { [TRIGGER]: { main: [[{ node: REPLY, type: 'main', index: 0 }]] } },
		pinData: { [TRIGGER]: (Array.isArray(call) ? call : [call]).map((json) => ({ json })) },
		settings: { executionOrder: 'v1' },
	};
}

export interface ConversationOptions {
	path: string;
	responseMode: 'lastNode' | 'responseNode';
	authentication?: 'headerAuth';
	headerAuthCredentialId?: string;
	/** Nodes after the Reply (responseNode: the workflow goes on once Agilize has its answer). */
	after?: INode[];
	/** Replaces both turns' Replies (a bad answer). */
	reply?: INodeParameters;
}

/**
 * The template's conversation as an n8n workflow: Agilize Chatbot Trigger → If seq is 1 → the
 * first turn's Reply, else the next turn's; optionally more nodes after each Reply.
 */
export function conversationWorkflow(
	id: string,
	options: ConversationOptions,
): WorkflowJson & { id: string } {
	const hex = Buffer.from(id).toString('hex').padEnd(12, '0').slice(0, 12);
	const trigger: INode = {
		...node(1, TRIGGER, 'n8n-nodes-agilize.agilizeChatbotTrigger', {
			path: options.path,
			responseMode: options.responseMode,
			...(options.authentication ? { authentication: options.authentication } : {}),
		}),
		webhookId: `5c1d3b20-7a4e-4f9b-8d2c-${hex}`,
		...(options.headerAuthCredentialId
			? {
					credentials: {
						httpHeaderAuth: {
							id: options.headerAuthCredentialId,
							name: options.headerAuthCredentialId,
						},
					},
				}
			: {}),
	};
	const firstTurn = node(
		3,
		'First Turn',
		'n8n-nodes-agilize.agilize',
		options.reply ?? firstTurnReply,
	);
	const nextTurn = node(
		4,
		'Next Turn',
		'n8n-nodes-agilize.agilize',
		options.reply ?? secondTurnReply,
	);
	const after = options.after ?? [];
	const chain = (from: string) =>
		after.length ? { [from]: { main: [[{ node: after[0].name, type: 'main', index: 0 }]] } } : {};
	const afterConnections = Object.fromEntries(
		after
			.slice(0, -1)
			.map((n, i) => [n.name, { main: [[{ node: after[i + 1].name, type: 'main', index: 0 }]] }]),
	);
	return {
		id,
		name: `Agilize chatbot conversation (${id})`,
		nodes: [
			trigger,
			node(2, 'Is First Turn', 'n8n-nodes-base.if', {
				conditions: { number: [{ value1: '={{ $json.seq }}', operation: 'equal', value2: 1 }] },
			}),
			firstTurn,
			nextTurn,
			...after,
		],
		connections: {
			[TRIGGER]: { main: [[{ node: 'Is First Turn', type: 'main', index: 0 }]] },
			'Is First Turn': {
				main: [
					[{ node: 'First Turn', type: 'main', index: 0 }],
					[{ node: 'Next Turn', type: 'main', index: 0 }],
				],
			},
			...chain('First Turn'),
			...chain('Next Turn'),
			...afterConnections,
		},
		settings: { executionOrder: 'v1' },
	};
}
