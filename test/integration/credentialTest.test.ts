import { PROBE_ROOM_ID } from '../../nodes/Agilize/methods/credentialTest';
import { API_KEY, testCredential, unreachableBaseUrl } from '../harness/helpers';

describe('credential test (the Test button)', () => {
	test('probes with an empty PATCH to a room that cannot exist; a 404 means the key was accepted', async () => {
		const { result, requests } = await testCredential(API_KEY, (url) => `${url}/`);
		expect(result).toEqual({
			status: 'OK',
			message: 'Connection successful: Agilize accepted the API key',
		});
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'PATCH',
			url: `/messenger/chat/room/${PROBE_ROOM_ID}`,
			body: {},
			headers: expect.objectContaining({ 'x-api-key': API_KEY, accept: 'application/json' }),
		});
	});

	test('a 401 means the key was rejected', async () => {
		const { result } = await testCredential('wrong-key', (url) => url);
		expect(result).toEqual({
			status: 'Error',
			message: 'Agilize rejected the API key (HTTP 401): check the Agilize API credential',
		});
	});

	test('a server error is not mistaken for success', async () => {
		const { result } = await testCredential(API_KEY, (url) => url, {
			responses: { [PROBE_ROOM_ID]: { status: 503, body: {} } },
		});
		expect(result).toEqual({
			status: 'Error',
			message: 'Agilize answered with a server error (HTTP 503)',
		});
	});

	test('an unreachable Base URL is named', async () => {
		const baseUrl = await unreachableBaseUrl();
		const { result } = await testCredential(API_KEY, () => baseUrl);
		expect(result).toEqual({
			status: 'Error',
			message: `Could not reach Agilize at ${baseUrl}: the connection was refused`,
		});
	});
});
