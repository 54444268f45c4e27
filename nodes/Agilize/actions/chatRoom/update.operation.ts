import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecutionContext } from '../../context';
import { chatRoomFields } from '../../fields/chatRoomFields';
import { InvalidFieldValueError, InvalidInputError } from '../../fields/coerce';
import { applyClearing, toClearOptions } from '../../fields/clear';
import { parseJsonBody } from '../../fields/jsonBody';
import { toBody } from '../../fields/toBody';
import { toProperties } from '../../fields/toProperties';
import type { AgilizeRequest } from '../../transport/request';
import { encodePathSegment } from '../../transport/url';
import type { Operation } from '../types';

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
			'ID of the Agilize chat room (Sala de Conversa) to update, as Agilize shows it or as an earlier step returned it. API path parameter: _id.',
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
		description: 'Whether to send keys of the JSON body that are not documented fields of the Agilize API instead of failing',
		displayOptions: showFor('json'),
	},
];

/** The PATCH body of one item, from the fields (with clearing) or from the JSON body. */
function readBody(this: IExecuteFunctions, itemIndex: number, timeZone: string): IDataObject {
	if (this.getNodeParameter('specifyBody', itemIndex, 'fields') === 'json') {
		const allowUnknown = this.getNodeParameter('allowUnknownFields', itemIndex, false) as boolean;
		return parseJsonBody(chatRoomFields, this.getNodeParameter('jsonBody', itemIndex, '{}'), allowUnknown);
	}
	const updateValues = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	// Values of Update Fields say where they are, as those of the other sources do.
	const body = toBody(chatRoomFields, updateValues, timeZone, 'Update Fields: ');
	return applyClearing(chatRoomFields, body, this.getNodeParameter('fieldsToClear', itemIndex, []), updateValues);
}

const ROOM_ID_LABEL = '"Room ID" (_id)';
const ROOM_ID_HINT = 'Set Room ID to the ID of the Agilize chat room to update.';

function readRoomId(value: unknown): string {
	if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
		throw new InvalidFieldValueError(ROOM_ID_LABEL, 'must be text or a number', ROOM_ID_HINT);
	}
	const roomId = String(value).trim();
	if (encodePathSegment(roomId) === undefined) {
		const shown = roomId.length > 60 ? `${roomId.slice(0, 57)}...` : roomId;
		throw new InvalidFieldValueError(ROOM_ID_LABEL, `cannot be "${shown}"`, ROOM_ID_HINT);
	}
	return roomId;
}

/** The path of one chat room: the one place that knows where rooms live in the API. */
export const roomPath = (roomId: string) => `/messenger/chat/room/${encodePathSegment(roomId)}`;

const shownRoomId = (roomId: string) => (roomId.length > 100 ? `${roomId.slice(0, 99)}…` : roomId);

function toRequest(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext): AgilizeRequest {
	const roomId = readRoomId(this.getNodeParameter('roomId', itemIndex));
	const body = readBody.call(this, itemIndex, context.timeZone);
	if (Object.keys(body).length === 0) {
		throw new InvalidInputError(
			'Nothing to update: add at least one field under "Update Fields" or "Fields to Clear", or a key to the JSON body',
			'Fields left empty are not sent, so the request would change nothing.',
		);
	}
	return {
		method: 'PATCH',
		path: roomPath(roomId),
		body,
		notFound: `Chat room "${shownRoomId(roomId)}" was not found (HTTP 404)`,
	};
}

export const update: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a chat room',
		description: 'Change the assignment, tags, channel data, UTM attribution or state of a chat room',
	},
	properties,
	toRequest,
};
