import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ExecutionContext } from '../context';
import type { AgilizeRequest } from '../transport/request';

/** One operation of one resource: its UI fields and the request it makes of one input item. */
export interface Operation {
	option: { name: string; value: string; action: string; description: string };
	properties: INodeProperties[];
	/** The request for one item, its parameters read and checked; nothing is sent here. */
	toRequest(this: IExecuteFunctions, itemIndex: number, context: ExecutionContext): AgilizeRequest;
}
