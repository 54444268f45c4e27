import { createHmac, randomBytes } from 'node:crypto';

import { RateLimiter } from './rateLimiter';
import type { SendHttp } from './types';

/** Where the Agilize API lives unless the credential says otherwise. */
const DEFAULT_BASE_URL = 'https://api.agilize.app';

/** The header that carries the credential's API key. */
const API_KEY_HEADER = 'x-api-key';

/**
 * What sends an execution's requests, and how: the credential, n8n's helper, the run's Timeout
 * and Max Retries, the rate limiter and the cancel signal; made once per execution and never
 * kept beyond it. Only the rate limiter is shared, on purpose, with the other executions
 * that use the same credential.
 */
export interface Sender {
	/** The credential's Base URL, checked, without trailing slashes. */
	baseUrl: string;
	/** Sent as x-api-key and scrubbed from every error. */
	apiKey: string;
	send: SendHttp;
	/** Milliseconds one attempt may take in all. */
	timeoutMs: number;
	maxRetries: number;
	/** Paces the requests; without one, requests go as soon as they are made. */
	rateLimiter?: RateLimiter;
	/** Aborted when the user or n8n cancels the execution. */
	cancelSignal?: AbortSignal;
}

const BASE_URL_LABEL = 'The "Base URL" (baseUrl) of the Agilize API credential';

function parseUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

/** What is wrong with a Base URL, or `undefined` if nothing is. */
function baseUrlProblem(text: string, url: URL | undefined): string | undefined {
	if (!url) return 'is not a web address: write it as https://api.agilize.app';
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return `must start with https:// (or http:// for a local mock or staging server), not ${url.protocol}`;
	}
	if (url.username || url.password) {
		return 'must not contain a user name or password: the API key goes in the "API Key" field';
	}
	if (url.search || text.includes('?')) return 'must not contain a query (?…)';
	if (url.hash || text.includes('#')) return 'must not contain a fragment (#…)';
	return undefined;
}

/**
 * The credential's Base URL, checked before anything is sent to it: an http(s) address without
 * user info, query or fragment, returned without trailing slashes so that paths can be appended;
 * or the error that names the credential field. Never echoes the value, which could hold a password.
 */
function readBaseUrl(value: unknown): { baseUrl: string } | { error: string } {
	if (value !== undefined && value !== null && typeof value !== 'string') {
		return { error: `${BASE_URL_LABEL} must be text such as https://api.agilize.app` };
	}
	const text = (value ?? '').trim();
	if (!text) return { baseUrl: DEFAULT_BASE_URL };
	const url = parseUrl(text);
	const problem = baseUrlProblem(text, url);
	if (problem || !url) return { error: `${BASE_URL_LABEL} ${problem}` };
	return { baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** The credential as every request uses it. */
export interface Credential {
	/** The Base URL, checked, without trailing slashes. */
	baseUrl: string;
	apiKey: string;
}

/**
 * The Agilize API credential's data, read and checked once for a run or for its Test button: the
 * Base URL (see `readBaseUrl`) and the key as text; or the error that names the Base URL field.
 */
export function readCredential(data: object | undefined): Credential | { error: string } {
	const { baseUrl, apiKey } = (data ?? {}) as { baseUrl?: unknown; apiKey?: unknown };
	const base = readBaseUrl(baseUrl);
	if ('error' in base) return base;
	return {
		baseUrl: base.baseUrl,
		apiKey: typeof apiKey === 'string' ? apiKey : String(apiKey ?? ''),
	};
}

/** The address of `path` (below the Base URL, its segments encoded). */
export const urlOf = (baseUrl: string, path: string): string => `${baseUrl}${path}`;

/**
 * The headers of every request: JSON both ways and the API key. A body goes as the JSON text this
 * package serialised, so its type is said here (n8n would otherwise send text as a form).
 */
export const requestHeaders = (apiKey: string, withBody: boolean) => ({
	Accept: 'application/json',
	[API_KEY_HEADER]: apiKey,
	...(withBody ? { 'Content-Type': 'application/json' } : {}),
});

const LONE_SURROGATE = /\p{Cs}/u;

/**
 * An id as one path segment: percent-encoded; `undefined` for one that URL normalisation would
 * turn into another path ('.' and '..' address the parent resources) and for text that cannot
 * be encoded (a lone UTF-16 surrogate).
 */
export function pathSegment(id: string): string | undefined {
	if (id === '' || id === '.' || id === '..' || LONE_SURROGATE.test(id)) return undefined;
	return encodeURIComponent(id);
}

/** An execution's use of the rate limiter it shares; `release` once its requests are done. */
interface RateLimiterLease {
	rateLimiter: RateLimiter;
	release(): void;
}

/**
 * The rate limiters in use in this process, one per credential (Base URL and API key): the one
 * piece of state the executions of a worker share on purpose, so that a burst of executions (a
 * webhook each) keeps to one rate limit instead of each pacing only itself. An entry lives while
 * an execution holds it, so the map is never larger than the credentials in use at that moment.
 */
const inUse = new Map<string, { rateLimiter: RateLimiter; leases: number }>();

/** Made anew by each process, so that a hash seen in a heap dump cannot be checked against a guessed key. */
const processSecret = randomBytes(32);

/** The key never leaves this function: the map holds a keyed hash of it, so a heap dump shows no key. */
const keyOf = (baseUrl: string, apiKey: string) =>
	`${baseUrl} ${createHmac('sha256', processSecret).update(apiKey).digest('hex')}`;

/**
 * The rate limiter shared by every execution in this process that uses this Base URL and API
 * key. `maxRequestsPerSecond` (0: none) applies to all of them while this execution holds it:
 * the smallest one set among them wins, since it is the one a user chose to stay under.
 */
export function leaseRateLimiter(
	baseUrl: string,
	apiKey: string,
	maxRequestsPerSecond: number,
): RateLimiterLease {
	const key = keyOf(baseUrl, apiKey);
	const entry = inUse.get(key) ?? { rateLimiter: new RateLimiter(), leases: 0 };
	inUse.set(key, entry);
	entry.leases++;
	entry.rateLimiter.addCap(maxRequestsPerSecond);
	let released = false;
	return {
		rateLimiter: entry.rateLimiter,
		release: () => {
			if (released) return;
			released = true;
			entry.rateLimiter.removeCap(maxRequestsPerSecond);
			if (--entry.leases === 0) inUse.delete(key);
		},
	};
}

/** How many rate limiters are held: 0 once no execution runs (tests check that they are let go). */
export const rateLimitersInUse = (): number => inUse.size;
