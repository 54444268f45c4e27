import { chatRoomFields } from '../../fields/chatRoomFields';
import { clip } from '../../shared/values';
import type { ApiRequest } from '../../transport/request';
import { readUpdateBody, showFor, updateBodyProperties, type UpdateBody } from '../bodyParameters';
import type { Operation, OperationContext } from '../operations';
import { readPathParameter, type PathParameter } from '../pathParameter';
import { chatRoomPath } from './path';

const shown = { resource: 'chatRoom', operation: 'update' };

const roomId: PathParameter = {
	name: 'roomId',
	label: '"Room ID" (_id)',
	hint: 'Set Room ID to the ID of the Agilize chat room to update.',
	path: chatRoomPath,
};

const body: UpdateBody = {
	fields: chatRoomFields,
	record: 'the room',
	clearExample: 'User and Department to unassign it',
	jsonExample: '{"department": "sales", "tags": ["vip"]}',
};

function request(context: OperationContext, itemIndex: number): ApiRequest {
	const { id, path } = readPathParameter(roomId, context, itemIndex);
	return {
		method: 'PATCH',
		path,
		body: readUpdateBody(body, context, itemIndex),
		// Sending the same fields twice leaves the room as sending them once.
		idempotent: true,
		notFound: `Chat room "${clip(id, 100)}" was not found (HTTP 404)`,
	};
}

export const update: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a chat room',
		description:
			'Change the assignment, tags, channel data, UTM attribution or state of a chat room',
	},
	properties: [
		{
			displayName: 'Room ID',
			name: 'roomId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 123456',
			description:
				'ID of the Agilize chat room to update, as Agilize shows it or as an earlier step returned it. API path parameter: _id.',
			displayOptions: showFor(shown),
		},
		...updateBodyProperties(shown, body),
	],
	apiNames: { roomId: '_id' },
	request,
	notFoundAdvice: 'No chat room has this ID: use the ID of an existing room.',
};
