import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chatRoomFields } from '../../fields/chatRoomFields';
import { InvalidFieldValueError, isPlainObject } from '../../fields/coerce';
import { toBody } from '../../fields/toBody';
import { toProperties } from '../../fields/toProperties';
import { agilizeApiRequest } from '../../transport/request';
import { encodePathSegment } from '../../transport/url';
import type { ExecutionContext, Operation } from '../types';

const showOnlyForChatRoomUpdate = { show: { resource: ['chatRoom'], operation: ['update'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Room ID',
		name: 'roomId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 123456',
		description: 'ID of the chat room to update. API path parameter: _id.',
		displayOptions: showOnlyForChatRoomUpdate,
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Fields to change on the room; fields not added here stay as they are',
		displayOptions: showOnlyForChatRoomUpdate,
		options: toProperties(chatRoomFields),
	},
];

function readRoomId(value: unknown, fail: (problem: string) => never): string {
	if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
		return fail('must be text or a number');
	}
	const roomId = String(value).trim();
	return encodePathSegment(roomId) === undefined ? fail(`cannot be "${roomId}"`) : roomId;
}

async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: ExecutionContext,
): Promise<IDataObject> {
	const node = this.getNode();
	const fail = (message: string, description?: string): never => {
		throw new NodeOperationError(node, `${message} [item ${itemIndex}]`, { itemIndex, description });
	};

	const roomId = readRoomId(this.getNodeParameter('roomId', itemIndex), (problem) =>
		fail(`"Room ID" (_id) ${problem}`, 'Set Room ID to the ID of the Agilize chat room to update.'),
	);

	let body: IDataObject = {};
	try {
		body = toBody(chatRoomFields, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject, context.timeZone);
	} catch (error) {
		if (!(error instanceof InvalidFieldValueError)) throw new NodeOperationError(node, error as Error, { itemIndex });
		fail(`Update Fields: ${error.message}`);
	}
	if (Object.keys(body).length === 0) {
		fail(
			'Nothing to update: add at least one field under "Update Fields"',
			'Fields left empty are not sent, so the request would change nothing.',
		);
	}

	const response = await agilizeApiRequest.call(
		this,
		{ method: 'PATCH', path: `/messenger/chat/room/${encodePathSegment(roomId)}`, body },
		{ ...context, node, itemIndex, roomId },
	);
	return isPlainObject(response) ? response : { success: true };
}

export const update: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a chat room',
		description: 'Change the assignment, tags, channel data, UTM attribution or state of a chat room',
	},
	properties,
	execute,
};
