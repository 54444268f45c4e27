import type { IncomingHttpHeaders } from 'node:http';

import type { WorkflowJson } from './workflowJson';
import type { ReceivedRequest } from './mock/agilizeMock';

/**
 * test/integration/http-request-node.workflow.json: n8n's HTTP Request node sends the same PATCH twice, first
 * with Authentication "None", then with Predefined Credential Type → Agilize API. What the
 * credential adds is the difference between the two requests.
 */
export const HTTP_REQUEST_PATH = '/messenger/chat/room/r-http';
export const HTTP_REQUEST_BODY = { department: 'sales' };

/** The fixture with its HTTP Request nodes pointed at `baseUrl` (the mock's, known once it listens). */
export function httpRequestWorkflow(workflow: WorkflowJson, baseUrl: string): WorkflowJson {
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.httpRequest')
			node.parameters.url = `${baseUrl}${HTTP_REQUEST_PATH}`;
	}
	return workflow;
}

/** Headers in a fixed order, x-api-key left out. */
const withoutCredentialHeaders = (headers: IncomingHttpHeaders) =>
	Object.fromEntries(
		Object.entries(headers)
			.filter(([name]) => name !== 'x-api-key')
			.sort(([a], [b]) => a.localeCompare(b)),
	);

/**
 * What is wrong with the two requests the fixture made (without, then with the credential): the
 * credential must add the x-api-key header with the key, and nothing else, to the same request.
 * `credential` holds the credential's values, none of which may appear anywhere else.
 */
export function credentialProblems(
	requests: ReceivedRequest[],
	credential: { apiKey: string; baseUrl: string },
): string[] {
	if (requests.length !== 2) return [`${requests.length} requests instead of 2`];
	const [without, withCredential] = requests;
	const problems: string[] = [];
	if (without.headers['x-api-key'] !== undefined)
		problems.push('x-api-key sent without the credential');
	if (withCredential.headers['x-api-key'] !== credential.apiKey)
		problems.push(`x-api-key is ${JSON.stringify(withCredential.headers['x-api-key'])}`);
	for (const request of [without, withCredential]) {
		if (request.method !== 'PATCH' || request.url !== HTTP_REQUEST_PATH)
			problems.push(`${request.method} ${request.url}`);
		if (JSON.stringify(request.body) !== JSON.stringify(HTTP_REQUEST_BODY))
			problems.push(`body ${request.rawBody}`);
	}
	const added = JSON.stringify(withoutCredentialHeaders(withCredential.headers));
	const before = JSON.stringify(withoutCredentialHeaders(without.headers));
	if (added !== before)
		problems.push(`the credential changed other headers: ${before} became ${added}`);
	const elsewhere = JSON.stringify([
		withCredential.url,
		withoutCredentialHeaders(withCredential.headers),
		withCredential.rawBody,
	]);
	for (const [name, value] of Object.entries(credential)) {
		if (value && elsewhere.includes(value))
			problems.push(`the credential's ${name} appears outside x-api-key`);
	}
	return problems;
}
