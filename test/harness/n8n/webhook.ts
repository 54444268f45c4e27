import type { INode } from 'n8n-workflow';

import type { WorkflowJson } from '../workflowJson';
import type { RealN8n } from './realN8n';

export interface CallResult {
	room: string;
	department: string;
	status: number | 'no answer';
	body: string;
	/** How long the call waited for its answer. */
	ms: number;
}

/**
 * POSTs `{ room, department }` to the webhook at `path`, one call per room, `parallel` at a time,
 * as a CRM's bulk action would; none may take over `timeoutMs`.
 */
export async function callWebhook(
	url: string,
	path: string,
	rooms: string[],
	parallel: number,
	timeoutMs: number,
): Promise<CallResult[]> {
	const results: CallResult[] = [];
	let next = 0;
	const caller = async () => {
		while (next < rooms.length) {
			const room = rooms[next++];
			const department = `dept-${room}`;
			const t = Date.now();
			try {
				const response = await fetch(`${url}/webhook/${path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ room, department }),
					signal: AbortSignal.timeout(timeoutMs),
				});
				results.push({
					room,
					department,
					status: response.status,
					body: await response.text(),
					ms: Date.now() - t,
				});
			} catch (error) {
				results.push({
					room,
					department,
					status: 'no answer',
					body: error instanceof Error ? error.message : String(error),
					ms: Date.now() - t,
				});
			}
		}
	};
	await Promise.all(Array.from({ length: parallel }, caller));
	return results;
}

/**
 * Webhook (answering when the last node finishes) → Agilize updating the room the call names:
 * one execution per call, as a CRM's webhooks start them.
 */
export function webhookWorkflow(
	id: string,
	path: string,
	credentialId: string,
	options: INode['parameters'] = {},
): WorkflowJson & { id: string } {
	// n8n needs a UUID per webhook node; one derived from the workflow id keeps imports repeatable.
	const hex = Buffer.from(id).toString('hex').padEnd(12, '0').slice(0, 12);
	return {
		id,
		name: `Agilize behind a webhook (${id})`,
		nodes: [
			{
				id: '00000000-0000-4000-8000-0000000000c1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `7f3c2a10-5b1e-4d8a-9c6f-${hex}`,
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
			},
			{
				id: '00000000-0000-4000-8000-0000000000c2',
				name: 'Agilize',
				type: 'n8n-nodes-agilize.agilize',
				typeVersion: 1,
				position: [220, 0],
				credentials: { agilizeApi: { id: credentialId, name: credentialId } },
				parameters: {
					resource: 'chatRoom',
					operation: 'update',
					roomId: '={{ $json.body.room }}',
					updateFields: { department: '={{ $json.body.department }}' },
					options,
				},
			},
		],
		connections: { Webhook: { main: [[{ node: 'Agilize', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Activates an imported workflow: n8n 1.x marks it active; n8n 2.x publishes its current version. */
export async function activateWorkflow(
	instance: RealN8n,
	id: string,
	major: number,
): Promise<void> {
	const args =
		major >= 2
			? ['publish:workflow', `--id=${id}`]
			: ['update:workflow', `--id=${id}`, '--active=true'];
	const result = await instance.cli(args);
	if (result.status !== 0)
		throw new Error(`${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
}
