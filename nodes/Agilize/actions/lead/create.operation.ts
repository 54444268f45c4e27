import { leadFields } from '../../fields/leadFields';
import type { ApiRequest } from '../../transport/request';
import { createBodyProperties, readCreateBody, type CreateBody } from '../bodyParameters';
import type { Operation, OperationContext } from '../operations';

const shown = { resource: 'lead', operation: 'create' };

const body: CreateBody = {
	fields: leadFields,
	required: ['name'],
	// Agilize documents only the fields its sample sends: any other key of a lead is sent as given.
	anyJsonKey: true,
	jsonExample: '{"name": "Maria Silva", "phones": [{"phone": "+5511999990000"}]}',
};

function request(context: OperationContext, itemIndex: number): ApiRequest {
	return {
		method: 'POST',
		path: '/crm/lead/lead',
		body: readCreateBody(body, context, itemIndex),
		// Each POST creates a lead: sent again only when Agilize surely did not take it.
		idempotent: false,
		notFound: 'Agilize has no lead endpoint at this Base URL (HTTP 404): check the Base URL',
		unconfirmed:
			'The lead may or may not have been created: look for it in Agilize’s CRM before running this item again',
	};
}

export const create: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a lead',
		description: 'Create a lead in Agilize’s CRM with its name, tags, phones and emails',
	},
	properties: createBodyProperties(shown, body),
	request,
	notFoundAdvice: 'The lead endpoint was not found: tell the user to check the Base URL.',
};
