import { AgilizeMock } from './agilizeMock';

/** The mock serves Agilize's endpoints by method and path; a test of another route fails plainly. */
test.each([
	['PATCH', '/messenger/chat/room/r1', 200],
	['PATCH', '/crm/lead/stage/s1', 200],
	['POST', '/crm/lead/lead', 201],
	['POST', '/messenger/chat/messageTemplate', 201],
	['GET', '/messenger/chat/room/r1', 405],
	['POST', '/messenger/chat/room/r1', 405],
	['PATCH', '/crm/lead/lead', 405],
	['PATCH', '/messenger/chat/room/r1/extra', 404],
	['GET', '/crm/lead/stage', 404],
])('%s %s answers %d', async (method, path, status) => {
	const mock = await new AgilizeMock({ apiKey: 'k' }).start();
	try {
		const response = await fetch(`${mock.baseUrl}${path}`, {
			method,
			headers: { 'x-api-key': 'k', 'content-type': 'application/json' },
			...(method === 'GET' ? {} : { body: '{"name":"n"}' }),
		});
		expect(response.status).toBe(status);
		if (status === 405) expect(response.headers.get('allow')).toMatch(/^(PATCH|POST)$/);
		await response.text();
	} finally {
		await mock.stop();
	}
});
