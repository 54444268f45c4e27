import { Container } from '@n8n/di';
import { Logger } from '@n8n/backend-common';

import { API_KEY, runAgainstMock, workflowWith } from '../harness/helpers';

/**
 * What a run tells the user (execution hints under the node's output) and the admin (debug lines
 * in n8n's log), in n8n-core's real engine: about 429s, waits, retries and failed items; nothing
 * after a clean run; never the key.
 */
describe('execution hints and debug logs', () => {
	let debug: jest.SpyInstance;
	let info: jest.SpyInstance;

	beforeAll(async () => {
		await import('n8n-core');
	});

	beforeEach(() => {
		const logger = Container.get(Logger);
		debug = jest.spyOn(logger, 'debug');
		info = jest.spyOn(logger, 'info');
	});

	afterEach(() => jest.restoreAllMocks());

	const agilizeLines = (spy: jest.SpyInstance) =>
		spy.mock.calls
			.map(([message]) => String(message))
			.filter((message) => message.startsWith('Agilize:'));

	const rooms = Array.from({ length: 20 }, (_, i) => ({ roomId: `r${i}` }));
	const parameters = { roomId: '={{ $json.roomId }}', updateFields: { department: 'sales' } };

	test('after 429s and a missing room: hints name the 429s, Max Requests per Second and the failed item; debug lines tell each 429', async () => {
		const rateLimited = {
			status: 429,
			body: { message: 'slow down' },
			headers: { 'retry-after': '0' },
		};
		const { run, error } = await runAgainstMock(
			workflowWith(rooms, parameters, 'continueRegularOutput'),
			{
				missingRooms: ['r7'],
				script: { r3: [rateLimited], r11: [rateLimited] },
			},
		);
		expect(error).toBeUndefined();
		const hints = run.data.resultData.runData.Agilize[0].hints ?? [];
		const text = hints.map((hint) => hint.message).join('\n');
		expect(text).toMatch(/HTTP 429 \(too many requests\) 2 times/);
		expect(text).toMatch(/set Options → Max Requests per Second to your Agilize plan's limit/);
		expect(text).toMatch(/1 of 20 items failed \(1 not found \(HTTP 404\)\)/);
		const lines = agilizeLines(debug);
		expect(lines.filter((line) => line.includes('was rate limited (HTTP 429)'))).toHaveLength(2);
		expect(
			lines.some((line) => /20 items in .* 19 succeeded, 1 failed, 2 HTTP 429/.test(line)),
		).toBe(true);
		expect(JSON.stringify([hints, debug.mock.calls])).not.toContain(API_KEY);
		expect(agilizeLines(info)).toEqual([]);
	});

	test('against a real limit the node paces itself, and the hint gives the Max Requests per Second that matches', async () => {
		const many = Array.from({ length: 60 }, (_, i) => ({ roomId: `p${i}` }));
		const { run, error } = await runAgainstMock(workflowWith(many, parameters), {
			rateLimit: { perSecond: 30, burst: 2, retryAfter: '0' },
		});
		expect(error).toBeUndefined();
		const text = (run.data.resultData.runData.Agilize[0].hints ?? [])
			.map((hint) => hint.message)
			.join('\n');
		expect(text).toMatch(
			/The node slowed down to about [\d.]+ requests per second: set Options → Max Requests per Second to \d+/,
		);
	});

	test('retries are counted by reason, with the Timeout named when attempts timed out', async () => {
		const { run } = await runAgainstMock(
			workflowWith(
				rooms.slice(0, 3),
				{ ...parameters, options: { timeout: 300 } },
				'continueRegularOutput',
			),
			{ script: { r0: [{ status: 503, body: {} }], r1: [{ fault: 'hang' }] } },
		);
		const text = (run.data.resultData.runData.Agilize[0].hints ?? [])
			.map((hint) => hint.message)
			.join('\n');
		expect(text).toMatch(
			/2 requests were retried after a transient failure \(1 HTTP 503, 1 timed out\)/,
		);
		expect(text).toMatch(/a longer Timeout \(now 300 ms\)/);
		expect(agilizeLines(debug).filter((line) => line.includes('is retried in'))).toHaveLength(2);
	});

	test('a clean run: no hint, and nothing at level info', async () => {
		const { run, error } = await runAgainstMock(workflowWith(rooms, parameters));
		expect(error).toBeUndefined();
		expect(run.data.resultData.runData.Agilize[0].hints ?? []).toEqual([]);
		expect(agilizeLines(info)).toEqual([]);
		expect(agilizeLines(debug).filter((line) => !line.includes('items in'))).toEqual([]);
	});
});
