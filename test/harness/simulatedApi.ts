import type { FullResponse, SendHttp } from '../../nodes/Agilize/transport/types';

/** What a simulated API answers one attempt: a status, a dropped connection, or nothing at all. */
export type SimulatedAnswer = { status: number; retryAfter?: string } | 'reset' | 'hang';

/**
 * An API in the test's own clock (Jest's fake timers): `answer` decides each attempt, the answer
 * arrives after `latencyMs`. For the pace's behaviour over minutes of simulated time, in
 * milliseconds of test time.
 */
export class SimulatedApi {
	requests = 0;

	rateLimited = 0;

	constructor(
		private readonly answer: (roomId: string) => SimulatedAnswer,
		private readonly latencyMs = 20,
	) {}

	readonly send: SendHttp = (options) =>
		new Promise<FullResponse>((resolve, reject) => {
			this.requests++;
			const roomId = decodeURIComponent(String(options.url).split('/').pop() ?? '');
			const answer = this.answer(roomId);
			if (answer === 'hang') {
				const signal = options.abortSignal as AbortSignal | undefined;
				signal?.addEventListener('abort', () => reject(new Error('aborted')));
				return;
			}
			if (answer !== 'reset' && answer.status === 429) this.rateLimited++;
			setTimeout(() => {
				if (answer === 'reset') {
					reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
					return;
				}
				const headers = answer.retryAfter ? { 'retry-after': answer.retryAfter } : {};
				resolve({ statusCode: answer.status, headers, body: `{"_id":"${roomId}"}` });
			}, this.latencyMs);
		});
}

/** A token bucket as API gateways keep one: `perSecond()` tokens a second, at most `burst`. */
export function tokenBucket(
	perSecond: () => number,
	burst: number,
): (roomId: string) => SimulatedAnswer {
	let tokens = burst;
	let refilledAt = Date.now();
	return () => {
		const now = Date.now();
		tokens = Math.min(burst, tokens + ((now - refilledAt) * perSecond()) / 1000);
		refilledAt = now;
		if (tokens < 1) return { status: 429, retryAfter: '1' };
		tokens -= 1;
		return { status: 200 };
	};
}

/** A generator of numbers in [0, 1) from a seed: the same seed, the same numbers. */
export function seededRandom(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state / 2147483648;
	};
}
