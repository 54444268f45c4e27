import { PROBE_ROOM_ID } from '../../nodes/Agilize/methods/credentialTest';
import { AgilizeMock, type ScriptedResponse } from '../harness/mock/agilizeMock';
import {
	API_KEY,
	loadFixture,
	runAgainstMock,
	testCredential,
	workflowWith,
} from '../harness/helpers';

/**
 * A server at the Base URL that is not Agilize, or is hostile: it redirects elsewhere, or answers
 * 200 with a web page. The key must not travel on, and nothing may be reported as updated.
 */
let elsewhere: AgilizeMock;
/** Another host (localhost, not 127.0.0.1) and port: the place a redirect tries to send the key. */
let elsewhereOrigin: string;

beforeAll(async () => {
	elsewhere = await new AgilizeMock({ apiKey: API_KEY }).start();
	elsewhereOrigin = elsewhere.baseUrl.replace('127.0.0.1', 'localhost');
});
afterAll(async () => await elsewhere.stop());
beforeEach(() => elsewhere.resetCounters());

const redirectMessage = (status: number, target: string) =>
	`Agilize answered with a redirect (HTTP ${status}) to ${target}, which this node does not follow: the Base URL is probably wrong`;
const NOT_JSON = 'Agilize answered HTTP 200 without a JSON object: check the Base URL';

describe('redirects are never followed', () => {
	test.each([301, 302, 303, 307, 308])(
		'a %i to another host is the item’s error; the other host receives nothing; not retried',
		async (status) => {
			const location = `${elsewhereOrigin}/messenger/chat/room/r1?stolen=${API_KEY}`;
			const { mock, output, error, everything } = await runAgainstMock(
				loadFixture('error-output'),
				{
					responses: { 'missing-room': { status, headers: { location } } },
				},
			);
			expect(error).toBeUndefined();
			expect(elsewhere.requests).toHaveLength(0);
			expect(mock.requestsFor('missing-room')).toHaveLength(1);
			expect(output('Agilize', 0).map((item) => item.json._id)).toEqual(['r1', 'r3']);
			expect(output('Agilize', 1)).toEqual([
				expect.objectContaining({
					json: { error: redirectMessage(status, elsewhereOrigin) },
					pairedItem: { item: 1 },
				}),
			]);
			// The target's path and query never reach the user: only its origin does.
			expect(everything).not.toContain('stolen');
			expect(everything).not.toContain(API_KEY);
		},
	);

	test('a relative redirect names the Base URL’s own origin; without Continue On Fail it stops the node', async () => {
		const { mock, error } = await runAgainstMock(loadFixture('assign-room'), {
			responses: { r1: { status: 307, headers: { location: '/v2/messenger/chat/room/r1' } } },
		});
		expect(mock.requests).toHaveLength(1);
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '307' });
		expect(error?.message).toBe(
			redirectMessage(
				307,
				mock.requests[0].headers.host ? `http://${mock.requests[0].headers.host}` : '?',
			),
		);
	});

	test('a redirect without a Location, or to a non-web address, says so', async () => {
		const workflow = workflowWith(
			[{ id: 'a' }, { id: 'b' }],
			{ roomId: '={{ $json.id }}', updateFields: { tags: 'x' } },
			'continueRegularOutput',
		);
		const { output } = await runAgainstMock(workflow, {
			responses: {
				a: { status: 302 },
				b: { status: 301, headers: { location: 'javascript:alert(1)' } },
			},
		});
		expect(output('Agilize').map((item) => item.json.error)).toEqual([
			redirectMessage(302, 'no location'),
			redirectMessage(301, 'a javascript: address'),
		]);
	});
});

describe('a 2xx is a success only with a JSON object or an empty body', () => {
	const page = `<!DOCTYPE html><html><head><title>Sign in</title></head><body>${'<p>Welcome back</p>'.repeat(40)}</body></html>`;
	test.each<[string, ScriptedResponse, string]>([
		[
			'an HTML page',
			{ status: 200, rawBody: page, headers: { 'content-type': 'text/html' } },
			`The answer began with: ${page.slice(0, 199)}…`,
		],
		[
			'plain text',
			{ status: 200, rawBody: 'OK', headers: { 'content-type': 'text/plain' } },
			'The answer began with: OK',
		],
		[
			'truncated JSON',
			{ status: 200, rawBody: '{"_id": "r1", "tags": ["a' },
			'The answer began with: {"_id": "r1", "tags": ["a',
		],
		['a JSON list', { status: 200, body: ['r1'] }, 'The answer began with: ["r1"]'],
		['a JSON number', { status: 200, body: 42 }, 'The answer began with: 42'],
		['JSON null', { status: 200, rawBody: 'null' }, 'The answer began with: null'],
	])(
		'%s is the item’s error, with the start of the body as description',
		async (_kind, response, description) => {
			const { output, error } = await runAgainstMock(loadFixture('error-output'), {
				responses: { 'missing-room': response },
			});
			expect(error).toBeUndefined();
			expect(output('Agilize', 0).map((item) => item.json._id)).toEqual(['r1', 'r3']);
			const [failed] = output('Agilize', 1);
			expect(failed.json).toEqual({ error: NOT_JSON });
			expect(failed.error).toMatchObject({ message: NOT_JSON, description, httpCode: '200' });
			expect(description.length).toBeLessThanOrEqual('The answer began with: '.length + 200);
		},
	);

	test('a body that echoes the key is scrubbed of it', async () => {
		const { error, everything } = await runAgainstMock(loadFixture('assign-room'), {
			responses: { r1: { status: 200, rawBody: `<p>your key ${API_KEY}</p>` } },
		});
		expect(error).toMatchObject({
			message: NOT_JSON,
			description: 'The answer began with: <p>your key ***</p>',
		});
		expect(everything).not.toContain(API_KEY);
	});
});

describe('the Base URL is checked before any request', () => {
	test.each([
		[
			'ftp://{host}',
			'must start with https:// (or http:// for a local mock or staging server), not ftp:',
		],
		[
			'http://admin:s3cret-pass@{host}',
			'must not contain a user name or password: the API key goes in the "API Key" field',
		],
		['http://{host}/?tenant=1', 'must not contain a query (?…)'],
		['http://{host}?', 'must not contain a query (?…)'],
		['http://{host}/#top', 'must not contain a fragment (#…)'],
		['api.agilize.app', 'is not a web address: write it as https://api.agilize.app'],
	])('%s: one error naming the credential field; nothing sent', async (template, problem) => {
		const workflow = workflowWith([{ id: 'a' }, { id: 'b' }], {
			roomId: '={{ $json.id }}',
			updateFields: { tags: 'x' },
		});
		const { mock, error, everything } = await runAgainstMock(workflow, {
			baseUrl: (url) => template.replace('{host}', url.replace('http://', '')),
		});
		expect(mock.requests).toHaveLength(0);
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: `The "Base URL" (baseUrl) of the Agilize API credential ${problem}`,
		});
		expect(everything).not.toContain('s3cret-pass');
	});

	test('a path below the host is kept; trailing slashes are not', async () => {
		const { mock } = await runAgainstMock(loadFixture('assign-room'), {
			baseUrl: (url) => `${url}/api//`,
		});
		expect(mock.requests.map((r) => r.url)).toEqual(['/api/messenger/chat/room/r1']);
	});
});

describe('the credential test says the same', () => {
	test.each([307, 301])(
		'a %i to another host fails the test; the other host receives nothing',
		async (status) => {
			const { result } = await testCredential(API_KEY, (url) => url, {
				responses: {
					[PROBE_ROOM_ID]: { status, headers: { location: `${elsewhereOrigin}/collect` } },
				},
			});
			expect(result).toEqual({
				status: 'Error',
				message: redirectMessage(status, elsewhereOrigin),
			});
			expect(elsewhere.requests).toHaveLength(0);
		},
	);

	test('a web page answering 200, or 404 with HTML, is not an accepted key', async () => {
		const html = { rawBody: '<html>Not here</html>', headers: { 'content-type': 'text/html' } };
		expect(
			(
				await testCredential(API_KEY, (url) => url, {
					responses: { [PROBE_ROOM_ID]: { status: 200, ...html } },
				})
			).result,
		).toEqual({ status: 'Error', message: NOT_JSON });
		expect(
			(
				await testCredential(API_KEY, (url) => url, {
					responses: { [PROBE_ROOM_ID]: { status: 404, ...html } },
				})
			).result,
		).toEqual({
			status: 'Error',
			message: 'Agilize answered HTTP 404 without a JSON object: check the Base URL',
		});
	});

	test('an unusable Base URL fails the test before anything is sent', async () => {
		const { result, requests } = await testCredential(API_KEY, (url) =>
			url.replace('http://', 'http://user:pw@'),
		);
		expect(requests).toHaveLength(0);
		expect(result).toEqual({
			status: 'Error',
			message:
				'The "Base URL" (baseUrl) of the Agilize API credential must not contain a user name or password: the API key goes in the "API Key" field',
		});
	});
});
