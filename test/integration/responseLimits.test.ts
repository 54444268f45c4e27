import { PROBE_ROOM_ID } from '../../nodes/Agilize/methods/credentialTest';
import { deepJson, gzipBomb, type HostileBody } from '../harness/mock/hostileBodies';
import type { ScriptedResponse } from '../harness/mock/agilizeMock';
import { API_KEY, runAgainstMock, testCredential, workflowWith } from '../harness/helpers';

/**
 * A server that answers too much, too deep or too slowly — a wrong Base URL, a broken proxy, an
 * attacker's host — gets an honest error for the item, within the Timeout, and the memory of the
 * process running the node stays bounded. Each body here, read whole, would take hundreds of MB.
 */
const MiB = 1024 * 1024;
/** What the node may hold of one response (2 MB) and its parsing, with room for the engine's own garbage. */
const HEAP_BOUND = 100 * MiB;

const TOO_LARGE = 'Agilize answered with more than 2 MB: check the Base URL';
const TIMED_OUT = "Agilize's answer (HTTP 200) did not arrive whole: the request timed out";

/** Runs `work` while sampling heap and buffers; how far they rose above where they started. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; grewBy: number }> {
	const used = () => {
		const memory = process.memoryUsage();
		return memory.heapUsed + memory.arrayBuffers;
	};
	const baseline = used();
	let peak = baseline;
	const sampler = setInterval(() => (peak = Math.max(peak, used())), 10);
	try {
		const result = await work();
		peak = Math.max(peak, used());
		return { result, grewBy: peak - baseline };
	} finally {
		clearInterval(sampler);
	}
}

const hostile = (status: number, body: HostileBody): ScriptedResponse => ({
	status,
	hostile: body,
});

/** One item for room `a`, which the mock answers with `response`; the node's options as given. */
async function updateRoomA(response: ScriptedResponse, options: Record<string, number> = {}) {
	const workflow = workflowWith([{ id: 'a' }], {
		roomId: '={{ $json.id }}',
		updateFields: { tags: 'x' },
		options,
	});
	const { result, grewBy } = await peakGrowth(
		async () => await runAgainstMock(workflow, { responses: { a: response } }),
	);
	return { ...result, grewBy };
}

describe('a response is read up to 2 MB, decompressed, and no further', () => {
	test.each<[string, HostileBody]>([
		['a 200 MiB JSON object', { kind: 'large', bytes: 200 * MiB }],
		['an endless body', { kind: 'endless' }],
		['a gzip bomb (inflating to 300 MiB)', { kind: 'gzipBomb', inflatedBytes: 300 * MiB }],
	])(
		'%s in a 200 is the item’s error, never a success; not retried; memory bounded',
		async (_kind, body) => {
			const { error, output, mock, grewBy } = await updateRoomA(hostile(200, body), {
				maxRetries: 3,
			});
			expect(output('Agilize')).toHaveLength(0);
			expect(error).toMatchObject({ name: 'NodeApiError', message: TOO_LARGE, httpCode: '200' });
			expect(error?.description).toMatch(
				/^The answer was larger than 2 MB and began with: \{"pad":"/,
			);
			expect(mock.requests).toHaveLength(1);
			expect(grewBy).toBeLessThan(HEAP_BOUND);
		},
	);

	test.each<[string, HostileBody]>([
		['an endless body', { kind: 'endless' }],
		['a 200 MiB body', { kind: 'large', bytes: 200 * MiB }],
	])(
		'%s in a 400 still gives the HTTP 400, with the start of what was read',
		async (_kind, body) => {
			const { error, grewBy } = await updateRoomA(hostile(400, body));
			expect(error).toMatchObject({
				message: 'Agilize rejected the request (HTTP 400)',
				httpCode: '400',
			});
			expect(error?.description).toMatch(
				/^The answer was larger than 2 MB and began with: \{"pad":"x+…$/,
			);
			expect(grewBy).toBeLessThan(HEAP_BOUND);
		},
	);

	test('the gzip bomb is a few hundred KB on the wire', async () => {
		expect((await gzipBomb(300 * MiB)).length).toBeLessThan(MiB);
	});
});

describe('an answer that repeats what the request sent is never too large', () => {
	test('two fields of 1.2 MB unicode text: the room echoed back (2.5 MB) is the success it is', async () => {
		const text = 'ação 😀 中文 '.repeat(1 << 16);
		const workflow = workflowWith([{ id: 'a' }], {
			roomId: '={{ $json.id }}',
			updateFields: { department: text, owner: text },
		});
		const { error, output } = await runAgainstMock(workflow);
		expect(error).toBeUndefined();
		expect(output('Agilize')[0].json).toEqual({ _id: 'a', department: text, owner: text });
	});

	test('beyond the echo, the limit still holds: the message names it', async () => {
		const workflow = workflowWith([{ id: 'a' }], {
			roomId: '={{ $json.id }}',
			updateFields: { department: 'x'.repeat(1 << 20) },
		});
		const { error } = await runAgainstMock(workflow, {
			responses: { a: hostile(200, { kind: 'endless' }) },
		});
		// 2 MB and four times the 1 MB body sent.
		expect(error?.message).toBe('Agilize answered with more than 6 MB: check the Base URL');
	});
});

describe('the Timeout bounds the whole attempt, body included', () => {
	test('a body dripped a byte a second ends at the Timeout, is retried like any timeout, and never succeeds', async () => {
		// 60 bytes at one a second: a minute per attempt if nothing cut it, past Jest's test timeout,
		// so the run ends only because the Timeout ends each attempt.
		const drip = hostile(200, {
			kind: 'drip',
			text: `{"_id":"a","tags":["x"],"pad":"${'.'.repeat(28)}"}`,
			intervalMs: 1000,
		});
		const { error, output, mock } = await updateRoomA(drip, {
			timeout: 500,
			maxRetries: 1,
		});
		expect(output('Agilize')).toHaveLength(0);
		expect(error).toMatchObject({ message: TIMED_OUT, httpCode: '200' });
		expect(error?.description).toBe('ETIMEDOUT Gave up after 1 retry.');
		expect(mock.requests).toHaveLength(2);
	});

	test('a Timeout beyond what Node can wait (2^31 - 1 ms) is refused, naming the option, before anything is sent', async () => {
		const { error, mock } = await updateRoomA(
			{ status: 200, body: {} },
			{ timeout: 3_000_000_000 },
		);
		expect(error?.message).toBe(
			'Options: "Timeout" (timeout) must be a whole number from 1 to 2147483647, got 3000000000',
		);
		expect(mock.requests).toHaveLength(0);
	});

	test('a server that sends its headers and a byte, then nothing, times out at the Timeout', async () => {
		// Its second byte would come after a minute, past Jest's test timeout: only the Timeout ends it.
		const { error, mock } = await updateRoomA(
			hostile(200, { kind: 'drip', text: '{}', intervalMs: 60_000 }),
			{ timeout: 300, maxRetries: 0 },
		);
		expect(error?.message).toBe(TIMED_OUT);
		expect(mock.requests).toHaveLength(1);
	});
});

describe('an error answer means its status, whether or not its details arrive', () => {
	test('a 404 whose body drips past the Timeout is the room not found, not retried', async () => {
		const { error, mock } = await updateRoomA(
			hostile(404, { kind: 'drip', text: '{"message":"Room not found"}', intervalMs: 60_000 }),
			{
				timeout: 300,
				maxRetries: 2,
			},
		);
		expect(error).toMatchObject({
			message: 'Chat room "a" was not found (HTTP 404)',
			httpCode: '404',
		});
		expect(mock.requests).toHaveLength(1);
	});
});

describe('JSON too deep to handle safely', () => {
	test('nested 100,000 deep in a 200 is the item’s error, without a stack overflow', async () => {
		const { error, output } = await updateRoomA({ status: 200, rawBody: deepJson(100_000) });
		expect(output('Agilize')).toHaveLength(0);
		expect(error).toMatchObject({
			message:
				'Agilize answered HTTP 200 with JSON nested more than 1000 levels deep: check the Base URL',
			httpCode: '200',
		});
	});

	test('nested 100,000 deep in a 400 gives the HTTP 400 without the unusable details', async () => {
		const { error } = await updateRoomA({ status: 400, rawBody: deepJson(100_000) });
		expect(error).toMatchObject({
			message: 'Agilize rejected the request (HTTP 400)',
			httpCode: '400',
		});
		expect(error?.description).toBeUndefined();
	});

	test('nested 1,000 deep is still an answer the node takes', async () => {
		const { error, output } = await updateRoomA({
			status: 200,
			rawBody: `{"_id":"a","deep":${'['.repeat(999)}${']'.repeat(999)}}`,
		});
		expect(error).toBeUndefined();
		expect(output('Agilize')[0].json._id).toBe('a');
	});
});

describe('the credential test reads within the same limits', () => {
	test('an endless 200 is not an accepted key', async () => {
		const { result } = await testCredential(API_KEY, (url) => url, {
			responses: { [PROBE_ROOM_ID]: hostile(200, { kind: 'endless' }) },
		});
		expect(result).toEqual({ status: 'Error', message: TOO_LARGE });
	});

	test('a gzip bomb in a 404 is not Agilize’s 404', async () => {
		const { result } = await testCredential(API_KEY, (url) => url, {
			responses: { [PROBE_ROOM_ID]: hostile(404, { kind: 'gzipBomb', inflatedBytes: 300 * MiB }) },
		});
		expect(result).toEqual({
			status: 'Error',
			message: 'Agilize answered HTTP 404 without a JSON object: check the Base URL',
		});
	});
});
