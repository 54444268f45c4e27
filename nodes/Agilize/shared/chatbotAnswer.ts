/**
 * Agilize's chatbot delegation, as both nodes see it: the call Agilize makes (the Agilize Chatbot
 * Trigger's output), the answer it expects (what Chatbot → Reply builds), and the limits a message
 * must keep for WhatsApp to deliver it. One module, so that the trigger and the Reply agree.
 */
import type { IDataObject } from 'n8n-workflow';

import { InvalidInputError, show } from './values';

/** The type name of the Agilize Chatbot Trigger node. */
export const CHATBOT_TRIGGER_NAME = 'agilizeChatbotTrigger';

/** The keys of Agilize's delegate call that its own template reads; every other key passes too. */
export interface DelegateCall extends IDataObject {
	vars?: IDataObject;
	seq?: number;
	interactiveReply?: string;
}

/** One message to the contact: a text, a file by URL, buttons keyed by position ("0", "1", …). */
export interface ChatbotMessage extends IDataObject {
	text?: string;
	file?: { mimetype: string; fileUrl: string };
	buttons?: Record<string, string>;
}

/** The answer Agilize expects: the messages in order, where the next message goes, variables. */
export interface ChatbotAnswer extends IDataObject {
	messages: ChatbotMessage[];
	keepHere: boolean;
	vars: IDataObject;
}

/** Meta's limits for WhatsApp reply buttons: Agilize's own are not documented. */
export const MAX_BUTTONS = 3;
export const MAX_BUTTON_LENGTH = 20;

/** The answer's shape as the nodes' descriptions name it. */
export const ANSWER_SHAPE = '{ messages, keepHere, vars }';

/** A message as the Reply's fields give it, before it is checked. */
export interface MessageInput {
	text?: unknown;
	fileUrl?: unknown;
	fileMimeType?: unknown;
	buttons?: unknown;
}

/** A variable as the Reply's fields give it. */
export interface VariableInput {
	name?: unknown;
	value?: unknown;
}

const MIME_TYPES: Record<string, string> = {
	aac: 'audio/aac',
	amr: 'audio/amr',
	csv: 'text/csv',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	gif: 'image/gif',
	jpeg: 'image/jpeg',
	jpg: 'image/jpeg',
	m4a: 'audio/mp4',
	mp3: 'audio/mpeg',
	mp4: 'video/mp4',
	ogg: 'audio/ogg',
	pdf: 'application/pdf',
	png: 'image/png',
	ppt: 'application/vnd.ms-powerpoint',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	txt: 'text/plain',
	webp: 'image/webp',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	zip: 'application/zip',
};

/** The MIME type of a file by its URL's extension (query and fragment aside), if it is known. */
export function mimeTypeOf(url: URL): string | undefined {
	const name = decodeURIComponent(url.pathname.split('/').pop() ?? '');
	const dot = name.lastIndexOf('.');
	return dot < 0 ? undefined : MIME_TYPES[name.slice(dot + 1).toLowerCase()];
}

/** Text, or a number or boolean as text; undefined for nothing, null or ''. */
function textOf(value: unknown, label: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new InvalidInputError(`${label} must be text, not ${show(value)}`);
}

function fileOf(
	fileUrl: string,
	fileMimeType: string | undefined,
	where: string,
): { mimetype: string; fileUrl: string } {
	let url: URL | undefined;
	try {
		url = new URL(fileUrl.trim());
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
		throw new InvalidInputError(
			`${where}: "File URL" must be an http:// or https:// address, not ${show(fileUrl)}. Give the file's public web address: Agilize downloads it from there.`,
		);
	}
	const mimetype = fileMimeType?.trim() || mimeTypeOf(url);
	if (!mimetype) {
		throw new InvalidInputError(
			`${where}: the file type cannot be told from ${show(fileUrl)}. Set "File MIME Type", e.g. application/pdf or image/png.`,
		);
	}
	return { mimetype, fileUrl: fileUrl.trim() };
}

function buttonsOf(value: unknown, hasText: boolean, where: string): Record<string, string> {
	const list = (Array.isArray(value) ? value : [value]).map((button, i) =>
		textOf(button, `${where}: button ${i + 1}`),
	);
	if (list.length > MAX_BUTTONS) {
		throw new InvalidInputError(
			`${where}: "Buttons" has ${list.length} buttons; WhatsApp shows at most ${MAX_BUTTONS}. Remove ${list.length - MAX_BUTTONS}, or offer the other choices in another message.`,
		);
	}
	const buttons: Record<string, string> = {};
	list.forEach((label, i) => {
		if (label === undefined || label.trim() === '') {
			throw new InvalidInputError(
				`${where}: button ${i + 1} is empty. Give it a label or remove it.`,
			);
		}
		if ([...label].length > MAX_BUTTON_LENGTH) {
			throw new InvalidInputError(
				`${where}: button ${i + 1} (${show(label)}) has ${[...label].length} characters; WhatsApp allows at most ${MAX_BUTTON_LENGTH}. Shorten it.`,
			);
		}
		buttons[String(i)] = label;
	});
	if (!hasText) {
		throw new InvalidInputError(
			`${where}: buttons need a "Text" to go with them. Add the question the buttons answer.`,
		);
	}
	return buttons;
}

/** One message, checked: its number (from 1) names it in every error. */
export function toMessage(input: MessageInput, number: number): ChatbotMessage {
	const where = `Message ${number}`;
	const text = textOf(input.text, `${where}: "Text"`);
	const fileUrl = textOf(input.fileUrl, `${where}: "File URL"`);
	const fileMimeType = textOf(input.fileMimeType, `${where}: "File MIME Type"`);
	const hasButtons =
		input.buttons !== undefined &&
		input.buttons !== null &&
		!(Array.isArray(input.buttons) && input.buttons.length === 0) &&
		input.buttons !== '';
	const message: ChatbotMessage = {};
	if (text !== undefined) message.text = text;
	if (fileUrl !== undefined) message.file = fileOf(fileUrl, fileMimeType, where);
	if (hasButtons) message.buttons = buttonsOf(input.buttons, text !== undefined, where);
	if (Object.keys(message).length === 0) {
		throw new InvalidInputError(
			`${where} is empty. Give it a "Text", a "File URL" or both, or remove it.`,
		);
	}
	return message;
}

/** The variables to save in the flow, by name; each needs a name, and each name once. */
export function toVars(inputs: VariableInput[]): IDataObject {
	const vars: IDataObject = {};
	inputs.forEach((input, i) => {
		const name = textOf(input.name, `Variable ${i + 1}: "Name"`)?.trim();
		if (!name) {
			throw new InvalidInputError(
				`Variable ${i + 1}: "Name" is empty. Give the name of the Agilize flow's variable to save, e.g. OPTION_VAL, or remove it.`,
			);
		}
		if (Object.prototype.hasOwnProperty.call(vars, name)) {
			throw new InvalidInputError(`Variable ${i + 1}: "${name}" is set twice. Keep one of them.`);
		}
		Object.defineProperty(vars, name, {
			value: input.value ?? '',
			enumerable: true,
			writable: true,
			configurable: true,
		});
	});
	return vars;
}

/**
 * The answer Agilize expects, checked: a bad answer fails here rather than reach the contact as
 * nothing. An answer with no message and no variable would say nothing and change nothing.
 */
export function toAnswer(
	messages: MessageInput[],
	keepHere: boolean,
	variables: VariableInput[],
): ChatbotAnswer {
	const answer: ChatbotAnswer = {
		messages: messages.map((message, i) => toMessage(message, i + 1)),
		keepHere,
		vars: toVars(variables),
	};
	if (answer.messages.length === 0 && Object.keys(answer.vars).length === 0) {
		throw new InvalidInputError(
			'The answer is empty: no message and no variable, so the contact would get nothing. Add a message under "Messages" (or a variable under "Variables").',
		);
	}
	return answer;
}
