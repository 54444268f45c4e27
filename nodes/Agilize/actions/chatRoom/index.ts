import type { Resource } from '../operations';
import { update } from './update.operation';

export const chatRoom: Resource = {
	name: 'Chat Room',
	value: 'chatRoom',
	operations: { update },
	defaultOperation: 'update',
};
