/** The benchmark's workflows: a Code node makes the items, then the node under test. */
import type { IDataObject, INode } from 'n8n-workflow';

import { chatRoomFields } from '../nodes/Agilize/fields/chatRoomFields';
import { toBody } from '../nodes/Agilize/fields/toBody';
import type { WorkflowJson } from '../test/harness/engine/runWorkflow';
import { API_KEY } from './mockProcess';

export type Target = Omit<INode, 'id' | 'name' | 'position'>;

export function workflow(id: string, count: number, target: Target): WorkflowJson & { id: string } {
	const node = (nodeId: string, name: string, rest: Target, x: number): INode => ({
		id: nodeId,
		name,
		position: [x, 0],
		...rest,
	});
	const jsCode = `return Array.from({ length: ${count} }, (_, i) => ({ json: { roomId: 'room-' + i, department: 'sales', tag: 't' + i } }));`;
	return {
		id,
		name: `bench ${id}`,
		nodes: [
			node(
				'00000000-0000-4000-8000-00000000000a',
				'Start',
				{ type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
				0,
			),
			node(
				'00000000-0000-4000-8000-00000000000b',
				'Items',
				{ type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode } },
				200,
			),
			node('00000000-0000-4000-8000-00000000000c', 'Target', target, 400),
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Target', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', timezone: 'America/Sao_Paulo' },
	};
}

export const noOp: Target = { type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };

/**
 * The memory baseline: the same 10,000 output items the Agilize node produces (the mock's echo
 * of every field), made by the Code node and passed through a NoOp, so that what n8n does with
 * the items costs the same in both runs.
 */
export function echoWorkflow(id: string, count: number): WorkflowJson & { id: string } {
	const wf = workflow(id, count, noOp);
	const body = toBody(chatRoomFields, everyField as IDataObject, 'America/Sao_Paulo');
	const items = wf.nodes.find((node) => node.name === 'Items') as INode;
	items.parameters.jsCode = `const body = ${JSON.stringify(body)}; return Array.from({ length: ${count} }, (_, i) => ({ json: { _id: 'room-' + i, ...body, tags: ['t' + i] } }));`;
	return wf;
}

export const agilize = (
	credentialId: string,
	options: INode['parameters'] = {},
	updateFields: INode['parameters'] = {
		department: '={{ $json.department }}',
		tags: '={{ $json.tag }}',
	},
	roomId = '={{ $json.roomId }}',
): Target => ({
	type: 'n8n-nodes-agilize.agilize',
	typeVersion: 1,
	credentials: { agilizeApi: { id: credentialId, name: credentialId } },
	parameters: { resource: 'chatRoom', operation: 'update', roomId, updateFields, options },
});

/** Lead → Create with two fields from expressions, as the room update sets two. */
export const leadCreate = (credentialId: string, options: INode['parameters'] = {}): Target => ({
	type: 'n8n-nodes-agilize.agilize',
	typeVersion: 1,
	credentials: { agilizeApi: { id: credentialId, name: credentialId } },
	parameters: {
		resource: 'lead',
		operation: 'create',
		name: '={{ $json.roomId }}',
		additionalFields: { tags: '={{ $json.tag }}' },
		options,
	},
});

export const httpRequest = (mockUrl: string): Target => ({
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	parameters: {
		method: 'PATCH',
		url: `={{ "${mockUrl}/messenger/chat/room/" + encodeURIComponent($json.roomId) }}`,
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'x-api-key', value: API_KEY }] },
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify({ department: $json.department, tags: [$json.tag] }) }}',
		options: {},
	},
});

/** The same three parameters as expressions that are not plain `{{ $json.field }}` paths. */
export const otherExpressions: INode['parameters'] = {
	department: '={{ $json["department"] }}',
	tags: '={{ [$json.tag] }}',
};

export const minimal = (mockUrl: string, concurrency = 5): Target => ({
	type: 'n8n-nodes-bench-minimal.minimal',
	typeVersion: 1,
	parameters: {
		url: `={{ "${mockUrl}/messenger/chat/room/" + encodeURIComponent($json.roomId) }}`,
		tag: '={{ $json.tag }}',
		key: API_KEY,
		concurrency,
	},
});

/** Every body field set, for the memory measurement. */
export const everyField: INode['parameters'] = {
	guest: 'g',
	users: 'u1, u2',
	prefUser: 'p',
	owner: 'o',
	prefUserPendAttr: true,
	histUsers: 'h1, h2',
	tags: '={{ $json.tag }}',
	conversationDetailTags: 'c1',
	department: 'sales',
	contact: 'c',
	tl: 'tl',
	lastTl: 'ltl',
	currFlow: 'f',
	currFlowDtLimit: '2026-11-25T10:00:00',
	user: 'u',
	lead: 'l',
	info: { values: { name: 'n', phone: 'p', email: 'e@x.com' } },
	lastEvent: '2026-11-25T10:00:00',
	createdAt: '2026-11-25T10:00:00Z',
	lastFromUser: false,
	lastMsg: 'm',
	status: 's',
	currCase: 'cc',
	triggers: '{"a":1}',
	chSrc: 1,
	chInfo: '{"b":2}',
	highlightVars: '{"c":3}',
	botFlag: 1,
	srcId: 'si',
	chId: '5511999990000',
	chIdType: 'wa_user_id',
	chUserId: 'cu',
	chPhone: '5511',
	chUsername: 'un',
	chIdPair: 'a|b',
	mergeTo: 'mt',
	mergeAt: '2026-11-25T10:00:00',
	utm: {
		values: {
			provider: 'p',
			source: 's',
			medium: 'm',
			clickId: 'c',
			campaignId: 'ci',
			campaign: 'ca',
			groupId: 'gi',
			group: 'g',
			creativeId: 'cr',
			creative: 'c',
			content: 'co',
			term: 't',
			url: 'u',
			ref: 'r',
		},
	},
	utmClick: {
		values: { fbclid: 'f', ctwaClid: 'c', gclid: 'g', gbraid: 'gb', wbraid: 'wb', ttclid: 't' },
	},
	chIsPending: false,
	dtIsArchived: '2026-11-25T10:00:00',
	dtTransfer: '2026-11-25T10:00:00',
	chIsArchived: true,
	isOutbound: false,
	waCoexTaken: false,
	isWaitingUser: false,
	leadUserPendAttr: 1,
	contactUserPendAttr: 2,
	companyUserPendAttr: 3,
	_integration: '{"d":4}',
	transmissionList: 'tlist',
	idleRulesDisabled: false,
	idleRules: { rules: [{ rule: 'r', idleNextAt: '2026-11-26T10:00:00', idleStep: 1 }] },
};
