import type { Resource } from '../operations';
import { create } from './create.operation';

export const lead: Resource = {
	name: 'Lead',
	value: 'lead',
	operations: { create },
	defaultOperation: 'create',
};
