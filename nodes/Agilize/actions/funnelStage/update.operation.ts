import { funnelStageFields } from '../../fields/funnelStageFields';
import { clip } from '../../shared/values';
import type { ApiRequest } from '../../transport/request';
import { readUpdateBody, showFor, updateBodyProperties, type UpdateBody } from '../bodyParameters';
import type { Operation, OperationContext } from '../operations';
import { readPathParameter, type PathParameter } from '../pathParameter';

const shown = { resource: 'funnelStage', operation: 'update' };

const stageId: PathParameter = {
	name: 'stageId',
	label: '"Stage ID" (_id)',
	hint: 'Set Stage ID to the ID of the funnel stage to update.',
	path: (segment) => `/crm/lead/stage/${segment}`,
};

const body: UpdateBody = {
	fields: funnelStageFields,
	record: 'the stage',
	clearExample: 'Final Type to make a final stage neither won nor loss',
	jsonExample: '{"label": "Proposal", "order": 3}',
};

function request(context: OperationContext, itemIndex: number): ApiRequest {
	const { id, path } = readPathParameter(stageId, context, itemIndex);
	return {
		method: 'PATCH',
		path,
		body: readUpdateBody(body, context, itemIndex),
		// Sending the same fields twice leaves the stage as sending them once.
		idempotent: true,
		notFound: `Funnel stage "${clip(id, 100)}" was not found (HTTP 404)`,
	};
}

export const update: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a funnel stage',
		description:
			'Change the label, colour, order, final state or transition rules of a stage of a CRM sales funnel',
	},
	properties: [
		{
			displayName: 'Stage ID',
			name: 'stageId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 68141cd4da5bfc9d9c85b20f',
			description:
				'ID of the funnel stage to update, as Agilize shows it or as an earlier step returned it. API path parameter: _id.',
			displayOptions: showFor(shown),
		},
		...updateBodyProperties(shown, body),
	],
	apiNames: { stageId: '_id' },
	request,
	notFoundAdvice: 'No funnel stage has this ID: use the ID of an existing stage.',
};
