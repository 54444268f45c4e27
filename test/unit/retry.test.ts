import { runPool } from '../../nodes/Agilize/actions/router';
import {
	ApiRequestError,
	failureFromError,
	failureMessage,
	isTransient,
} from '../../nodes/Agilize/transport/errors';
import { backoffDelay, parseRetryAfter } from '../../nodes/Agilize/transport/request';

describe('Retry-After', () => {
	const now = Date.parse('2026-11-25T12:00:00Z');

	test('delta-seconds and HTTP dates become milliseconds to wait', () => {
		expect(parseRetryAfter('2', now)).toBe(2000);
		expect(parseRetryAfter(' 0 ', now)).toBe(0);
		expect(parseRetryAfter('1.5', now)).toBe(1500);
		expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfter('Wed, 25 Nov 2026 11:00:00 GMT', now)).toBe(0);
	});

	test('absent or unreadable means no advice', () => {
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
		expect(parseRetryAfter('soon', now)).toBeUndefined();
	});
});

test('backoff grows exponentially with full jitter, capped', () => {
	expect([0, 1, 2, 3].map((retry) => backoffDelay(retry, () => 1))).toEqual([
		500, 1000, 2000, 4000,
	]);
	expect(backoffDelay(10, () => 1)).toBe(10_000);
	expect(backoffDelay(3, () => 0)).toBe(0);
});

test('transient: 429, 502, 503, 504, resets and timeouts; not 400, 404, 500', () => {
	for (const status of [429, 502, 503, 504]) expect(isTransient({ status })).toBe(true);
	for (const status of [400, 401, 404, 422, 500]) expect(isTransient({ status })).toBe(false);
	for (const code of ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED'])
		expect(isTransient({ code })).toBe(true);
	expect(isTransient({ code: 'ECONNREFUSED' })).toBe(false);
});

describe('runPool', () => {
	test('never runs more than `concurrency` tasks at once, and starts them in order', async () => {
		let running = 0;
		let peak = 0;
		const started: number[] = [];
		await runPool(
			50,
			7,
			async (index) => {
				started.push(index);
				running++;
				peak = Math.max(peak, running);
				await new Promise((resolve) => setTimeout(resolve, (index * 7) % 5));
				running--;
			},
			() => false,
		);
		expect(peak).toBe(7);
		expect(started).toEqual([...Array(50).keys()]);
	});

	test('starts nothing new once stop() says so', async () => {
		const started: number[] = [];
		let stop = false;
		await runPool(
			100,
			3,
			async (index) => {
				started.push(index);
				if (index === 10) stop = true;
				await new Promise((resolve) => setTimeout(resolve, 1));
			},
			() => stop,
		);
		expect(started.length).toBeLessThanOrEqual(13);
		expect(started).toContain(10);
	});
});

describe('reading a failure without a response', () => {
	test('n8n 2.x keeps the Axios error as cause: its code is used', () => {
		const error = Object.assign(new Error('The service refused the connection'), {
			cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' },
		});
		expect(failureFromError(error)).toMatchObject({ code: 'ECONNREFUSED' });
	});

	test('n8n 1.x keeps only texts: codes and its own phrases are read back', () => {
		const withMessages = (message: string, messages: string[]) =>
			Object.assign(new Error(message), { messages });
		expect(
			failureFromError(
				withMessages('The service refused the connection - perhaps it is offline', [
					'connect ECONNREFUSED 127.0.0.1:9',
				]),
			),
		).toMatchObject({ code: 'ECONNREFUSED' });
		expect(
			failureFromError(
				withMessages(
					'The connection to the server was closed unexpectedly, perhaps it is offline.',
					['socket hang up'],
				),
			),
		).toMatchObject({ code: 'ECONNRESET' });
		expect(failureFromError(withMessages('timeout of 500ms exceeded', []))).toMatchObject({
			code: 'ECONNABORTED',
		});
	});

	test('an error the package does not know keeps its own words, for the message the user reads', () => {
		const failure = failureFromError(new Error('something else went wrong'));
		expect(failure).toEqual({ code: undefined, reason: 'something else went wrong' });
		expect(failureMessage(failure, 'https://api.agilize.app')).toBe(
			'Could not reach Agilize at https://api.agilize.app: something else went wrong',
		);
		const withCode = failureFromError(
			Object.assign(new Error('write EPROTO 0A00010B:SSL routines'), { code: 'EPROTO' }),
		);
		expect(failureMessage(withCode, 'https://api.agilize.app')).toBe(
			'Could not reach Agilize at https://api.agilize.app: write EPROTO 0A00010B:SSL routines',
		);
	});

	test("a request n8n refused to send (its SSRF protection) keeps n8n's reason and the setting that allows it, and is not retried", () => {
		// As n8n 2.x's network layer throws it, possibly wrapped: a UserError marked non-retryable.
		const refusal = Object.assign(
			new Error('The request was blocked because it resolves to a restricted IP address'),
			{
				name: 'SsrfBlockedIpError',
				description:
					"The target '127.0.0.1' is not allowed. This is a security measure to prevent Server-Side Request Forgery (SSRF).",
				[Symbol.for('n8n.backend-network.non-retryable-error')]: true,
			},
		);
		const failure = failureFromError(new Error('Request failed', { cause: refusal }));
		expect(isTransient(failure)).toBe(false);
		const error = new ApiRequestError(failure, {
			baseUrl: 'http://127.0.0.1:5678',
			apiKey: 'ak_test_5e1d',
			retries: 0,
		});
		expect(error.message).toBe(
			'The request was blocked because it resolves to a restricted IP address',
		);
		expect(error.description).toMatch(
			/^The target '127\.0\.0\.1' is not allowed\. .* To allow it, set N8N_SSRF_ALLOWED_IP_RANGES/,
		);
	});
});
