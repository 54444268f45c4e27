import type { IDataObject, IExecuteResponsePromiseData, INodeParameters } from 'n8n-workflow';

import { Agilize } from '../../../../nodes/Agilize/Agilize.node';
import { AgilizeChatbotTrigger } from '../../../../nodes/AgilizeChatbotTrigger/AgilizeChatbotTrigger.node';
import { fromSources, runWorkflow } from '../../../harness/engine/runWorkflow';
import {
	firstAnswer,
	firstCall,
	firstTurnReply,
	REPLY,
	replyWorkflow,
	secondAnswer,
	secondCall,
	secondTurnReply,
} from './expected';

const pkg = {
	...fromSources,
	extraNodeTypes: {
		'n8n-nodes-agilize.agilizeChatbotTrigger': new AgilizeChatbotTrigger(),
		'n8n-nodes-agilize.agilizeTool': new Agilize(),
	},
};

/** Runs Trigger (its output pinned to `call`) → Reply in n8n's engine; what the Reply sent and output. */
async function reply(
	call: IDataObject | IDataObject[],
	parameters: INodeParameters,
	replyType?: string,
	continueOnFail = false,
) {
	const workflow = replyWorkflow(call, parameters);
	if (replyType) workflow.nodes[1].type = replyType;
	if (continueOnFail) workflow.nodes[1].continueOnFail = true;
	const sent: IExecuteResponsePromiseData[] = [];
	// No Agilize API credential: the Reply needs none.
	const result = await runWorkflow(workflow, { agilizeApi: {} }, pkg, undefined, (response) =>
		sent.push(response),
	);
	return { ...result, sent, items: result.output(REPLY) };
}

const withMessages = (values: INodeParameters[], rest: INodeParameters = {}): INodeParameters => ({
	resource: 'chatbot',
	operation: 'reply',
	messages: { values },
	...rest,
});

describe('Chatbot → Reply: the answer Agilize receives, exactly', () => {
	test('the first turn: a text from the vars, a PDF by URL (type from its extension), two buttons keyed "0" and "1", keepHere true', async () => {
		const { error, items, sent } = await reply(firstCall(), firstTurnReply);
		expect(error).toBeUndefined();
		expect(items).toEqual([{ json: firstAnswer(), pairedItem: { item: 0 } }]);
		expect(sent).toEqual([
			{
				body: firstAnswer(),
				headers: { 'content-type': 'application/json; charset=utf-8' },
				statusCode: 200,
			},
		]);
	});

	test('the next turn: a text, keepHere false, the contact’s pick saved in vars', async () => {
		const { error, items, sent } = await reply(secondCall('Ana', 'Opção A'), secondTurnReply);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([secondAnswer('Opção A')]);
		expect(sent.map((response) => response.body)).toEqual([secondAnswer('Opção A')]);
	});

	test('a file with its MIME type given, a message of a file alone, variables only', async () => {
		const { items } = await reply(
			firstCall(),
			withMessages(
				[
					{ fileUrl: 'https://cdn.example.com/get?id=7', fileMimeType: 'image/jpeg' },
					{ fileUrl: 'http://cdn.example.com/Plano%20Pro.DOCX?v=2#p1' },
				],
				{ variables: { values: [{ name: 'PLAN', value: 'Max' }] } },
			),
		);
		expect(items.map((item) => item.json)).toEqual([
			{
				messages: [
					{ file: { mimetype: 'image/jpeg', fileUrl: 'https://cdn.example.com/get?id=7' } },
					{
						file: {
							mimetype: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
							fileUrl: 'http://cdn.example.com/Plano%20Pro.DOCX?v=2#p1',
						},
					},
				],
				keepHere: false,
				vars: { PLAN: 'Max' },
			},
		]);
		const { items: varsOnly } = await reply(firstCall(), {
			resource: 'chatbot',
			operation: 'reply',
			variables: { values: [{ name: 'DONE', value: 'yes' }] },
		});
		expect(varsOnly.map((item) => item.json)).toEqual([
			{ messages: [], keepHere: false, vars: { DONE: 'yes' } },
		]);
	});
});

describe('Chatbot → Reply: a bad answer fails, naming the field, the message and what to change', () => {
	test.each([
		[
			'no message and no variable',
			{ resource: 'chatbot', operation: 'reply', keepHere: true },
			'The answer is empty: no message and no variable, so the contact would get nothing. Add a message under "Messages" (or a variable under "Variables"). [item 0]',
		],
		[
			'four buttons',
			withMessages([{ text: 'Pick one', buttons: ['A', 'B', 'C', 'D'] }]),
			'Message 1: "Buttons" has 4 buttons; WhatsApp shows at most 3. Remove 1, or offer the other choices in another message. [item 0]',
		],
		[
			'a button over 20 characters',
			withMessages([
				{ text: 'Hi' },
				{ text: 'Pick one', buttons: ['Sim', 'Quero falar com alguém'] },
			]),
			'Message 2: button 2 ("Quero falar com alguém") has 22 characters; WhatsApp allows at most 20. Shorten it. [item 0]',
		],
		[
			'an empty button',
			withMessages([{ text: 'Pick one', buttons: ['Sim', ' '] }]),
			'Message 1: button 2 is empty. Give it a label or remove it. [item 0]',
		],
		[
			'buttons without a text',
			withMessages([{ buttons: ['Sim', 'Não'] }]),
			'Message 1: buttons need a "Text" to go with them. Add the question the buttons answer. [item 0]',
		],
		[
			'a file URL that is not http(s)',
			withMessages([{ text: 'Hi' }, { text: 'Here', fileUrl: 'ftp://files.example.com/a.pdf' }]),
			'Message 2: "File URL" must be an http:// or https:// address, not "ftp://files.example.com/a.pdf". Give the file\'s public web address: Agilize downloads it from there. [item 0]',
		],
		[
			'a file URL that is no URL',
			withMessages([{ fileUrl: 'plan.pdf' }]),
			'Message 1: "File URL" must be an http:// or https:// address, not "plan.pdf". Give the file\'s public web address: Agilize downloads it from there. [item 0]',
		],
		[
			'a file whose type cannot be told',
			withMessages([{ fileUrl: 'https://example.com/download' }]),
			'Message 1: the file type cannot be told from "https://example.com/download". Set "File MIME Type", e.g. application/pdf or image/png. [item 0]',
		],
		[
			'an empty message',
			withMessages([{ text: 'Hi' }, { text: '' }]),
			'Message 2 is empty. Give it a "Text", a "File URL" or both, or remove it. [item 0]',
		],
		[
			'a variable without a name',
			withMessages([{ text: 'Hi' }], { variables: { values: [{ name: ' ', value: 'x' }] } }),
			'Variable 1: "Name" is empty. Give the name of the Agilize flow\'s variable to save, e.g. OPTION_VAL, or remove it. [item 0]',
		],
		[
			'a variable set twice',
			withMessages([{ text: 'Hi' }], {
				variables: {
					values: [
						{ name: 'A', value: '1' },
						{ name: 'A', value: '2' },
					],
				},
			}),
			'Variable 2: "A" is set twice. Keep one of them. [item 0]',
		],
		[
			'Keep Conversation Here that is not true or false',
			withMessages([{ text: 'Hi' }], { keepHere: '={{ "maybe" }}' }),
			'"Keep Conversation Here" must be true or false, not "maybe" [item 0]',
		],
	])('%s', async (_name, parameters, message) => {
		const { error, sent } = await reply(firstCall(), parameters as INodeParameters);
		expect(error?.message).toBe(message);
		// A call waiting for the Reply gets an error status, never n8n's empty 200.
		expect(sent).toEqual([
			{
				body: { message: 'Error in workflow', error: message },
				headers: { 'content-type': 'application/json; charset=utf-8' },
				statusCode: 500,
			},
		]);
	});

	test("as an AI agent's tool it refuses, and says where it belongs", async () => {
		const { error, sent } = await reply(
			firstCall(),
			firstTurnReply,
			'n8n-nodes-agilize.agilizeTool',
		);
		expect(error?.message).toBe(
			"Chatbot → Reply cannot be an AI agent's tool: it answers the Agilize Chatbot Trigger's call",
		);
		expect((error as { description?: string }).description).toBe(
			'Put it in the main flow after the AI Agent: Agilize Chatbot Trigger → AI Agent → Agilize (Chatbot → Reply), with a message text such as {{ $json.output }}.',
		);
		expect(sent).toEqual([]);
	});

	describe('several items: one answer each, the first sent; any failure answers the call with 500', () => {
		const byItem = withMessages([{ text: "={{ $json.bad ? '' : 'Oi, ' + $json.vars.NAME }}" }]);
		const emptyMessage = (item: number) =>
			`Message 1 is empty. Give it a "Text", a "File URL" or both, or remove it. [item ${item}]`;
		const serverError = (error: string) => ({
			body: { message: 'Error in workflow', error },
			headers: { 'content-type': 'application/json; charset=utf-8' },
			statusCode: 500,
		});

		test('all good: every item its answer, the first one sent', async () => {
			const { items, sent } = await reply([firstCall('Ana'), firstCall('Bia')], byItem);
			expect(items.map((item) => item.json.messages)).toEqual([
				[{ text: 'Oi, Ana' }],
				[{ text: 'Oi, Bia' }],
			]);
			expect(sent.map((response) => [response.statusCode, response.body])).toEqual([
				[200, { messages: [{ text: 'Oi, Ana' }], keepHere: false, vars: {} }],
			]);
		});

		test('a later item bad: the node fails and the call gets 500, not the first answer', async () => {
			const { error, sent } = await reply(
				[firstCall('Ana'), { ...firstCall('Bia'), bad: true }],
				byItem,
			);
			expect(error?.message).toBe(emptyMessage(1));
			expect(sent).toEqual([serverError(emptyMessage(1))]);
		});

		test('Continue On Fail with the first item bad: the error item goes on, the call gets 500', async () => {
			const { error, items, sent } = await reply(
				[{ ...firstCall('Ana'), bad: true }, firstCall('Bia')],
				byItem,
				undefined,
				true,
			);
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json)).toEqual([
				{ error: emptyMessage(0) },
				{ messages: [{ text: 'Oi, Bia' }], keepHere: false, vars: {} },
			]);
			expect(sent).toEqual([serverError(emptyMessage(0))]);
		});
	});
});
