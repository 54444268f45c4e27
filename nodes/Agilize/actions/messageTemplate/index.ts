import type { Resource } from '../operations';
import { create } from './create.operation';

export const messageTemplate: Resource = {
	name: 'Message Template',
	value: 'messageTemplate',
	operations: { create },
	defaultOperation: 'create',
};
