import type { IHttpRequestOptions } from 'n8n-workflow';

import { readCredential } from '../../nodes/Agilize/transport/connection';
import {
	failureFromError,
	failureKind,
	failureLabel,
	isTransient,
	mayHaveActed,
} from '../../nodes/Agilize/transport/errors';
import { sendRequest } from '../../nodes/Agilize/transport/request';
import type { SendHttp } from '../../nodes/Agilize/transport/types';

/** A sender whose helper records what it was handed and answers 200 with `{}`. */
function recordingSender() {
	const sent: IHttpRequestOptions[] = [];
	const send: SendHttp = async (options) => {
		sent.push(options);
		return { statusCode: 200, headers: {}, body: '{}' };
	};
	return {
		sent,
		sender: { baseUrl: 'http://api.test', apiKey: 'k', send, timeoutMs: 1000, maxRetries: 0 },
	};
}

describe('the body', () => {
	test('is handed to n8n as the JSON text of the operation’s body, typed as JSON', async () => {
		const { sent, sender } = recordingSender();
		const body = { tags: ['vip', 'ação'], user: null, utm: { source: 'x' } };
		await sendRequest({ method: 'PATCH', path: '/p', body, idempotent: true }, sender);
		expect(sent).toHaveLength(1);
		expect(sent[0].body).toBe(JSON.stringify(body));
		expect(sent[0].headers).toEqual({
			Accept: 'application/json',
			'x-api-key': 'k',
			'Content-Type': 'application/json',
		});
	});

	test('is absent, and so is its type, for a request without one', async () => {
		const { sent, sender } = recordingSender();
		await sendRequest({ method: 'GET', path: '/p', idempotent: true }, sender);
		expect(sent[0]).not.toHaveProperty('body');
		expect(sent[0].headers).toEqual({ Accept: 'application/json', 'x-api-key': 'k' });
	});
});

describe('the credential, read once for the run and the Test button', () => {
	test('a Base URL is checked and its trailing slashes dropped; the key is text', () => {
		expect(readCredential({ baseUrl: ' https://api.test/v1// ', apiKey: 'k' })).toEqual({
			baseUrl: 'https://api.test/v1',
			apiKey: 'k',
		});
		expect(readCredential({ apiKey: 12 })).toEqual({
			baseUrl: 'https://api.agilize.app',
			apiKey: '12',
		});
		expect(readCredential(undefined)).toEqual({ baseUrl: 'https://api.agilize.app', apiKey: '' });
	});

	test('a Base URL that cannot be used is an error naming the field, never echoing it', () => {
		const read = readCredential({ baseUrl: 'https://user:secret@api.test', apiKey: 'k' });
		expect(read).toEqual({ error: expect.stringContaining('"Base URL" (baseUrl)') });
		expect(JSON.stringify(read)).not.toContain('secret');
	});
});

describe('what a failure is, from the one table of error codes', () => {
	test('retry, whether Agilize may have acted, and the words of the hint and the log', () => {
		const reset = { code: 'ECONNRESET' };
		expect([
			isTransient(reset),
			mayHaveActed(reset),
			failureKind(reset),
			failureLabel(reset),
		]).toEqual([true, true, 'connection closed', 'ECONNRESET']);
		const refused = { code: 'ECONNREFUSED' };
		expect([isTransient(refused), mayHaveActed(refused), failureKind(refused)]).toEqual([
			false,
			false,
			'ECONNREFUSED',
		]);
		const busy = { status: 503 };
		expect([isTransient(busy), mayHaveActed(busy), failureKind(busy), failureLabel(busy)]).toEqual([
			true,
			true,
			'HTTP 503',
			'HTTP 503',
		]);
		expect(failureKind({ status: 404 })).toBe('not found (HTTP 404)');
		expect(failureKind({})).toBe('could not reach Agilize');
		// A name of Object.prototype is no code of the table.
		expect(isTransient({ code: 'constructor' })).toBe(false);
	});

	test("n8n 1.x's words for a code tell the code again", () => {
		const n8n1 = (message: string) => failureFromError({ message, messages: [message] }).code;
		expect(n8n1('The connection to the server was closed unexpectedly')).toBe('ECONNRESET');
		expect(n8n1('The connection timed out')).toBe('ECONNABORTED');
		expect(n8n1('The connection was aborted')).toBe('ECONNABORTED');
		expect(n8n1('The service refused the connection')).toBe('ECONNREFUSED');
		expect(n8n1('The DNS server returned an error')).toBe('EAI_AGAIN');
	});
});
