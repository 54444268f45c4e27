import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecutionContext } from '../../context';
import { chatRoomFields } from '../../fields/chatRoomFields';
import { applyClearing, toClearOptions } from '../../fields/clear';
import { parseJsonBody } from '../../fields/jsonBody';
import { toBody } from '../../fields/toBody';
import { toProperties } from '../../fields/toProperties';
import { InvalidFieldValueError, InvalidInputError } from '../../shared/inputErrors';
import { clip, show } from '../../shared/values';
import { roomPath } from '../../transport/paths';
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
		description: 'Whether to send keys of the JSON body that are not documented fields of the Agilize API instead of failing',
		displayOptions: showFor('json'),
	},
];

/** The dotted path of the first expression under `name` that n8n cannot evaluate for this item. */
function failingExpression(this: IExecuteFunctions, name: string, itemIndex: number): string {
	const raw = this.getNodeParameter(name, itemIndex, undefined, { rawExpressions: true }) as unknown;
	const search = (value: unknown, path: string): string | undefined => {
		if (typeof value === 'string') {
			if (!value.startsWith('=')) return undefined;
			try {
				this.getNodeParameter(path, itemIndex);
				return undefined;
			} catch {
				return path;
			}
		}
		if (typeof value !== 'object' || value === null) return undefined;
		for (const [key, nested] of Object.entries(value)) {
			const found = search(nested, `${path}.${key}`);
			if (found) return found;
		}
		return undefined;
	};
	return search(raw, name) ?? name;
}

/**
 * A parameter's value for one item. When n8n cannot evaluate an expression in it (a syntax
 * error, a function returned), the error names the parameter (down to the nested field); it is
 * bad input like any other, so the router adds the item's number and index, as for the rest.
 */
function readParameter(this: IExecuteFunctions, context: ExecutionContext, name: string, itemIndex: number, fallback?: unknown): unknown {
	let cause: Error & { description?: string };
	try {
		return context.parameters(name, itemIndex, fallback);
	} catch (error) {
		cause = error as Error;
	}
	const displayName = properties.find((property) => property.name === name)?.displayName ?? name;
	const where = name === 'roomId' ? '_id' : failingExpression.call(this, name, itemIndex);
	throw new InvalidInputError(`"${displayName}" (${where}) could not be evaluated: ${cause.message}`, cause.description);
}

/** The PATCH body of one item, from the fields (with clearing) or from the JSON body. */
function readBody(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext): IDataObject {
	const read = (name: string, fallback: unknown) => readParameter.call(this, context, name, itemIndex, fallback);
	if (read('specifyBody', 'fields') === 'json') {
		return parseJsonBody(chatRoomFields, read('jsonBody', '{}'), read('allowUnknownFields', false) === true);
	}
	const updateValues = read('updateFields', {}) as IDataObject;
	// Values of Update Fields say where they are, as those of the other sources do.
	const body = toBody(chatRoomFields, updateValues, context.timeZone, 'Update Fields: ');
	return applyClearing(chatRoomFields, body, read('fieldsToClear', []), updateValues);
}

const ROOM_ID_LABEL = '"Room ID" (_id)';
const ROOM_ID_HINT = 'Set Room ID to the ID of the Agilize chat room to update.';

function readRoomId(value: unknown): string {
	if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
		throw new InvalidFieldValueError(ROOM_ID_LABEL, 'must be text or a number', ROOM_ID_HINT);
	}
	const roomId = String(value).trim();
	if (encodePathSegment(roomId) === undefined) {
		throw new InvalidFieldValueError(ROOM_ID_LABEL, `cannot be ${show(roomId)}`, ROOM_ID_HINT);
	}
	return roomId;
}

function toRequest(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext): AgilizeRequest {
	const roomId = readRoomId(readParameter.call(this, context, 'roomId', itemIndex));
	const body = readBody.call(this, itemIndex, context);
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
		notFound: `Chat room "${clip(roomId, 100)}" was not found (HTTP 404)`,
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
