import { messageTemplateFields } from '../../fields/messageTemplateFields';
import type { ApiRequest } from '../../transport/request';
import { createBodyProperties, readCreateBody, type CreateBody } from '../bodyParameters';
import type { Operation, OperationContext } from '../operations';

const shown = { resource: 'messageTemplate', operation: 'create' };

const body: CreateBody = {
	fields: messageTemplateFields,
	required: ['business', 'phone'],
	anyJsonKey: false,
	jsonExample:
		'{"business": "6814…", "phone": "+551143214321", "name": "order_update", "language": "pt_BR"}',
};

function request(context: OperationContext, itemIndex: number): ApiRequest {
	return {
		method: 'POST',
		path: '/messenger/chat/messageTemplate',
		body: readCreateBody(body, context, itemIndex),
		// Each POST creates a template: sent again only when Agilize surely did not take it.
		idempotent: false,
		notFound:
			'Agilize has no message template endpoint at this Base URL (HTTP 404): check the Base URL',
		unconfirmed:
			'The message template may or may not have been created: look for it among the WhatsApp number’s templates in Agilize before running this item again',
	};
}

export const create: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a message template',
		description:
			'Register a WhatsApp message template in Agilize for a business and a WhatsApp number',
	},
	properties: createBodyProperties(shown, body),
	request,
	notFoundAdvice:
		'The message template endpoint was not found: tell the user to check the Base URL.',
};
