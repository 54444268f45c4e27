import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import { update } from './update.operation';

export const chatRoomOperations: Record<string, Operation> = { update };

export const chatRoomProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['chatRoom'] } },
		options: Object.values(chatRoomOperations).map((operation) => operation.option),
		default: 'update',
	},
	...Object.values(chatRoomOperations).flatMap((operation) => operation.properties),
];
