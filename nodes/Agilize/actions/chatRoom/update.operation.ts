import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { chatRoomFields } from '../../fields/chatRoomFields';
import { applyClearing, parseJsonBody, toBody } from '../../fields/toBody';
import { toClearOptions, toProperties } from '../../fields/toProperties';
import { clip, InvalidFieldValueError, InvalidInputError, show } from '../../shared/values';
import { pathSegment } from '../../transport/connection';
import type { ApiRequest } from '../../transport/request';
import type { Operation, OperationContext } from '../operations';

const showOnlyForChatRoomUpdate = { show: { resource: ['chatRoom'], operation: ['update'] } };
const showFor = (specifyBody: 'fields' | 'json') => ({
	show: { ...showOnlyForChatRoomUpdate.show, specifyBody: [specifyBody] },
});

const properties: INodeProperties[] = [
	{
		displayName: 'Room ID',
		name: 'roomId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 123456',
		description:
			'ID of the Agilize chat room to update, as Agilize shows it or as an earlier step returned it. API path parameter: _id.',
		displayOptions: showOnlyForChatRoomUpdate,
	},
	{
		displayName: 'Specify Body',
		name: 'specifyBody',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
		description: 'Whether to build the request body from the fields below or to give it as JSON',
		displayOptions: showOnlyForChatRoomUpdate,
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Fields to change on the room; fields not added here stay as they are',
		displayOptions: showFor('fields'),
		options: toProperties(chatRoomFields),
	},
	{
		displayName: 'Fields to Clear',
		name: 'fieldsToClear',
		type: 'multiOptions',
		default: [],
		description:
			'Fields to empty on the room, sent as null: for example User and Department to unassign it. A field cannot be both cleared and set.',
		displayOptions: showFor('fields'),
		options: toClearOptions(chatRoomFields),
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{}',
		description:
			'The request body as a JSON object of API fields, sent as given, for example {"department": "sales", "tags": ["vip"]}',
		displayOptions: showFor('json'),
	},
	{
		displayName: 'Allow Unknown Fields',
		name: 'allowUnknownFields',
		type: 'boolean',
		default: false,
		description:
			'Whether to send keys of the JSON body that are not documented fields of the Agilize API instead of failing',
		displayOptions: showFor('json'),
	},
];

/** The path of one chat room, or `undefined` for an id that cannot be a path segment. */
export function chatRoomPath(roomId: string): string | undefined {
	const segment = pathSegment(roomId);
	return segment === undefined ? undefined : `/messenger/chat/room/${segment}`;
}

/** The PATCH body of one item, from the fields (with clearing) or from the JSON body. */
function bodyOf(context: OperationContext, itemIndex: number): IDataObject {
	const read = (name: string, fallback: unknown) => context.parameter(name, itemIndex, fallback);
	if (read('specifyBody', 'fields') === 'json') {
		const allowUnknownFields = read('allowUnknownFields', false) === true;
		return parseJsonBody(chatRoomFields, read('jsonBody', '{}'), allowUnknownFields);
	}
	const updateValues = read('updateFields', {}) as IDataObject;
	// Values of Update Fields say where they are, as those of the other sources do.
	const body = toBody(chatRoomFields, updateValues, context.timeZone, 'Update Fields: ');
	return applyClearing(chatRoomFields, body, read('fieldsToClear', []), updateValues);
}

const ROOM_ID_LABEL = '"Room ID" (_id)';
const ROOM_ID_HINT = 'Set Room ID to the ID of the Agilize chat room to update.';

function request(context: OperationContext, itemIndex: number): ApiRequest {
	const value = context.parameter('roomId', itemIndex);
	if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
		throw new InvalidFieldValueError(ROOM_ID_LABEL, 'must be text or a number', ROOM_ID_HINT);
	}
	const roomId = String(value).trim();
	const path = chatRoomPath(roomId);
	if (path === undefined) {
		throw new InvalidFieldValueError(ROOM_ID_LABEL, `cannot be ${show(roomId)}`, ROOM_ID_HINT);
	}
	const body = bodyOf(context, itemIndex);
	if (Object.keys(body).length === 0) {
		throw new InvalidInputError(
			'Nothing to update: add at least one field under "Update Fields" or "Fields to Clear", or a key to the JSON body',
			'Fields left empty are not sent, so the request would change nothing.',
		);
	}
	return {
		method: 'PATCH',
		path,
		body,
		// Sending the same fields twice leaves the room as sending them once.
		idempotent: true,
		notFound: `Chat room "${clip(roomId, 100)}" was not found (HTTP 404)`,
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
	properties,
	apiNames: { roomId: '_id' },
	request,
	notFoundAdvice: 'No chat room has this ID: use the ID of an existing room.',
};
