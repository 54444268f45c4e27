import type { Resource } from '../operations';
import { reply } from './reply.operation';

export const chatbot: Resource = {
	name: 'Chatbot',
	value: 'chatbot',
	operations: { reply },
	defaultOperation: 'reply',
};
