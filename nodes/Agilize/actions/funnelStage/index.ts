import type { Resource } from '../operations';
import { update } from './update.operation';

export const funnelStage: Resource = {
	name: 'Funnel Stage',
	value: 'funnelStage',
	operations: { update },
	defaultOperation: 'update',
};
