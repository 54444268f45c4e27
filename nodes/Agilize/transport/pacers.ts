import { createHmac, randomBytes } from 'node:crypto';

import { Pacer } from './pacer';

/** An execution's use of the pacer it shares; `release` once its requests are done. */
export interface PacerLease {
	pacer: Pacer;
	release(): void;
}

/**
 * The pacers in use in this process, one per credential (Base URL and API key): the one piece of
 * state the executions of a worker share on purpose, so that a burst of executions (a webhook
 * each) keeps to one rate limit instead of each pacing only itself. An entry lives while an
 * execution holds it, so the map is never larger than the credentials in use at that moment.
 */
const inUse = new Map<string, { pacer: Pacer; leases: number }>();

/** Made anew by each process, so that a hash seen in a heap dump cannot be checked against a guessed key. */
const processSecret = randomBytes(32);

/** The key never leaves this function: the map holds a keyed hash of it, so a heap dump shows no key. */
const keyOf = (baseUrl: string, apiKey: string) => `${baseUrl} ${createHmac('sha256', processSecret).update(apiKey).digest('hex')}`;

/**
 * The pacer shared by every execution in this process that uses this Base URL and API key.
 * `maxRequestsPerSecond` (0: none) applies to all of them while this execution holds it: the
 * smallest one set among them wins, since it is the one a user chose to stay under.
 */
export function leasePacer(baseUrl: string, apiKey: string, maxRequestsPerSecond: number): PacerLease {
	const key = keyOf(baseUrl, apiKey);
	const entry = inUse.get(key) ?? { pacer: new Pacer(), leases: 0 };
	inUse.set(key, entry);
	entry.leases++;
	entry.pacer.addCap(maxRequestsPerSecond);
	let released = false;
	return {
		pacer: entry.pacer,
		release: () => {
			if (released) return;
			released = true;
			entry.pacer.removeCap(maxRequestsPerSecond);
			if (--entry.leases === 0) inUse.delete(key);
		},
	};
}

/** How many pacers are held: 0 once no execution runs (tests check that they are let go). */
export const pacersInUse = (): number => inUse.size;
