import {
	createServer,
	type IncomingHttpHeaders,
	type Server,
	type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

import { hostileHeaders, sendHostileBody, type HostileBody } from './hostileBodies';

export interface ReceivedRequest {
	method: string;
	/** The raw request target, as it reached the server (percent-encoding kept). */
	url: string;
	headers: IncomingHttpHeaders;
	/** The raw body text. */
	rawBody: string;
	/** The body parsed as JSON, or `undefined` if it was empty or not JSON. */
	body: unknown;
	/** `Date.now()` when the request had arrived whole. */
	receivedAt: number;
}

export interface ScriptedResponse {
	status: number;
	/** Sent as JSON. */
	body?: unknown;
	/** Sent as it is, instead of `body`: HTML, text, broken JSON. */
	rawBody?: string;
	headers?: Record<string, string>;
	/** Sent instead of `body`: too large, a compression bomb, endless or dripped. */
	hostile?: HostileBody;
}

/** A fault to inject: close the connection without answering, or never answer. */
export type ScriptedFault = { fault: 'reset' } | { fault: 'hang' };

export interface MockOptions {
	/** The x-api-key the mock accepts; any other gets 401. */
	apiKey: string;
	/** Further keys it accepts: other accounts at the same Base URL. */
	moreApiKeys?: string[];
	/** Rooms that do not exist: PATCHes to them get 404. */
	missingRooms?: string[];
	/** Funnel stages that do not exist: PATCHes to them get 404. */
	missingStages?: string[];
	/** A fixed answer for a target (see `targetOf`): a room or stage id, a lead's name… */
	responses?: Record<string, ScriptedResponse>;
	/** Answers for a target's first requests, in order; then the usual answer. */
	script?: Record<string, Array<ScriptedResponse | ScriptedFault>>;
	/** Milliseconds an answer waits, like a real API's latency: fixed, or per target. */
	latencyMs?: number | ((target: string) => number);
	/** Port on 127.0.0.1; 0 (the default) picks a free one. */
	port?: number;
	/** Print each request as it arrives. */
	log?: boolean;
	/** Keep no request bodies (benchmarks with many requests). */
	recordBodies?: boolean;
	/** Serve GET /__stats (requests, peak in flight) and DELETE /__stats (read, then reset). */
	statsEndpoint?: boolean;
	/** Largest request head accepted, in bytes (Node's default is 16 KiB). */
	maxHeaderSize?: number;
	/** A rate limit as API gateways keep one: a token bucket; an empty bucket answers 429. */
	rateLimit?: { perSecond: number; burst: number; retryAfter?: string };
	/** A flaky server: faults at random, as shares of attempts (see `Faults`). */
	faults?: Faults;
}

/**
 * Shares of attempts answered with each fault. Which attempt gets which is drawn from the room
 * and the attempt's number, so that every run meets the same faults; the 429s are drawn apart,
 * so that a run with them meets the same other faults as one without.
 */
export interface Faults {
	/** 429 with Retry-After: 1, with no rate limit behind it. */
	rateLimited?: number;
	/** 503, 502 and 500 answers. */
	unavailable?: number;
	badGateway?: number;
	serverError?: number;
	/** Connections closed without an answer, and attempts never answered. */
	reset?: number;
	hang?: number;
}

/**
 * A number in [0, 1) drawn from `text`: the same text, the same number. FNV-1a, then MurmurHash3's
 * finaliser, so that texts a character apart (a room's next attempt) draw unrelated numbers.
 */
function draw(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
	hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
	hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
	return ((hash ^ (hash >>> 16)) >>> 0) / 2 ** 32;
}

function faultFor(
	faults: Faults,
	roomId: string,
	attempt: number,
): ScriptedResponse | ScriptedFault | undefined {
	if (draw(`429 ${roomId} ${attempt}`) < (faults.rateLimited ?? 0)) {
		return { status: 429, body: { message: 'Too many requests' }, headers: { 'retry-after': '1' } };
	}
	let roll = draw(`fault ${roomId} ${attempt}`);
	const kinds: Array<[number | undefined, ScriptedResponse | ScriptedFault]> = [
		[faults.unavailable, { status: 503, body: { message: 'Service unavailable' } }],
		[faults.badGateway, { status: 502, body: { message: 'Bad gateway' } }],
		[faults.serverError, { status: 500, body: { message: 'Internal error' } }],
		[faults.reset, { fault: 'reset' }],
		[faults.hang, { fault: 'hang' }],
	];
	for (const [share = 0, answer] of kinds) {
		if (roll < share) return answer;
		roll -= share;
	}
	return undefined;
}

/** An endpoint of the API as the mock serves it. */
interface Route {
	method: string;
	/** The path; an id route captures the record's id. */
	path: RegExp;
	/** Records that do not exist, for an id route. */
	missing?: 'missingRooms' | 'missingStages';
	notFound?: string;
	/** 200 for an update (the record with the body applied), 201 for a create. */
	creates: boolean;
}

/** Agilize's endpoints this package calls, by method and path: any other answers 404 or 405. */
const ROUTES: Route[] = [
	{
		method: 'PATCH',
		path: /^\/messenger\/chat\/room\/([^/?]+)$/,
		missing: 'missingRooms',
		notFound: 'Room not found',
		creates: false,
	},
	{
		method: 'PATCH',
		path: /^\/crm\/lead\/stage\/([^/?]+)$/,
		missing: 'missingStages',
		notFound: 'Stage not found',
		creates: false,
	},
	{ method: 'POST', path: /^\/crm\/lead\/lead$/, creates: true },
	{ method: 'POST', path: /^\/messenger\/chat\/messageTemplate$/, creates: true },
];

const routeOf = (url: string) => ROUTES.filter((route) => route.path.test(url));

/**
 * What scripts, faults and latency are keyed by: the decoded id of an id route's path, or the
 * `name` of a create's body (a lead's or a template's name).
 */
function targetOf(url: string, body: unknown): string {
	const [route] = routeOf(url);
	const id = route?.path.exec(url)?.[1];
	if (id !== undefined) return decodeURIComponent(id);
	const name = (body as { name?: unknown } | undefined)?.name;
	return typeof name === 'string' ? name : '';
}

/** A created record's id: 24 hex digits drawn from its body, the same for the same body. */
const createdId = (rawBody: string) =>
	[0, 1, 2]
		.map((part) =>
			Math.floor(draw(`${part} ${rawBody}`) * 2 ** 32)
				.toString(16)
				.padStart(8, '0'),
		)
		.join('');

/**
 * A stand-in for Agilize's API on 127.0.0.1: it records every request exactly as it arrived and
 * answers as the API documents (200 with the updated room or stage, 201 with a created lead or
 * template, 401 for a wrong key, 404 for a missing record or an unknown path, 405 for a known
 * path with another method), with optional latency and scripted faults; it counts the requests in
 * flight at once.
 */
export class AgilizeMock {
	readonly requests: ReceivedRequest[] = [];

	inFlight = 0;

	peakInFlight = 0;

	private server?: Server;

	private readonly scriptPosition = new Map<string, number>();

	/** Attempts per room so far, for `faults`. */
	private readonly attempts = new Map<string, number>();

	private readonly hanging = new Set<ServerResponse>();

	/** Requests answered 429 by the rate limit. */
	rateLimited = 0;

	/** When each 429 was answered (`Date.now()`), since the last `resetCounters`. */
	readonly rateLimitedAt: number[] = [];

	/**
	 * How many of the rate limit's 429s came in the first wave: to the requests sent before the
	 * node could learn the pace, answered until the pause that the limit's first 429s start is
	 * over. A lone 429 is a blip to the node (it costs its pause and sets no pace), so the limit is
	 * first met where 429s come together: several requests in flight answered at once. How many
	 * the first wave holds depends on how fast executions start (up to the requests in flight),
	 * not on the pace; the 429s after it do.
	 */
	firstWave(retryAfterMs = 1000): number {
		const at = this.rateLimitedAt;
		const together = at.findIndex((time, i) => at[i + 1] !== undefined && at[i + 1] - time <= 100);
		const end = (at[together === -1 ? 0 : together] ?? 0) + retryAfterMs;
		return at.filter((time) => time < end).length;
	}

	/** Updated records (their path) that got a 2xx answer. */
	readonly updated = new Set<string>();

	/** Creates answered 2xx, by target (the body's name), once per request. */
	readonly created: string[] = [];

	private tokens = Number.NaN;

	private refilledAt = 0;

	/** Takes a token from the bucket; false when it is empty. */
	private admit(): boolean {
		const limit = this.options.rateLimit;
		if (!limit) return true;
		const now = Date.now();
		this.tokens = Number.isNaN(this.tokens)
			? limit.burst
			: Math.min(limit.burst, this.tokens + ((now - this.refilledAt) * limit.perSecond) / 1000);
		this.refilledAt = now;
		if (this.tokens < 1) return false;
		this.tokens -= 1;
		return true;
	}

	constructor(readonly options: MockOptions) {}

	get baseUrl(): string {
		const { port } = this.server?.address() as AddressInfo;
		return `http://127.0.0.1:${port}`;
	}

	/** Requests received for one target: a room or stage (by decoded id), a lead's name… */
	requestsFor(target: string): ReceivedRequest[] {
		return this.requests.filter((r) => targetOf(r.url, r.body) === target);
	}

	resetCounters(): void {
		this.requests.length = 0;
		this.peakInFlight = this.inFlight;
		this.rateLimited = 0;
		this.rateLimitedAt.length = 0;
		this.updated.clear();
		this.created.length = 0;
		this.scriptPosition.clear();
		this.attempts.clear();
	}

	async start(): Promise<this> {
		this.server = createServer({ maxHeaderSize: this.options.maxHeaderSize }, (req, res) => {
			if (this.options.statsEndpoint && req.url === '/__stats') {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(
					JSON.stringify({
						requests: this.requests.length,
						peakInFlight: this.peakInFlight,
						rateLimited: this.rateLimited,
						updated: this.updated.size,
						created: this.created.length,
					}),
				);
				if (req.method === 'DELETE') this.resetCounters();
				return;
			}
			this.inFlight++;
			this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
			res.on('close', () => this.inFlight--);
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const rawBody = Buffer.concat(chunks).toString('utf8');
				let body: unknown;
				try {
					body = rawBody ? JSON.parse(rawBody) : undefined;
				} catch {
					body = undefined;
				}
				const keep = this.options.recordBodies !== false;
				const request = {
					method: req.method ?? '',
					url: req.url ?? '',
					headers: req.headers,
					rawBody: keep ? rawBody : '',
					body: keep ? body : undefined,
					receivedAt: Date.now(),
				};
				this.requests.push(request);
				if (this.options.log) console.log(`${request.method} ${request.url} ${rawBody}`);
				const answer = this.answer({ ...request, rawBody, body });
				const send = () => {
					if ('fault' in answer) {
						if (answer.fault === 'reset') req.socket.destroy();
						else this.hanging.add(res);
						return;
					}
					if (answer.status >= 200 && answer.status < 300) {
						if (request.method === 'POST') this.created.push(targetOf(request.url, body));
						else this.updated.add(request.url);
					}
					res.writeHead(answer.status, {
						'content-type': 'application/json',
						...(answer.hostile ? hostileHeaders(answer.hostile) : {}),
						...answer.headers,
					});
					if (answer.hostile) {
						res.flushHeaders();
						void sendHostileBody(res, answer.hostile);
						return;
					}
					res.end(answer.rawBody ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)));
				};
				const { latencyMs } = this.options;
				const latency =
					typeof latencyMs === 'function' ? latencyMs(targetOf(request.url, body)) : latencyMs;
				if (latency) setTimeout(send, latency);
				else send();
			});
		});
		this.server.keepAliveTimeout = 5_000;
		await new Promise<void>((resolve, reject) => {
			this.server?.once('error', reject);
			this.server?.listen(this.options.port ?? 0, '127.0.0.1', resolve);
		});
		return this;
	}

	async stop(): Promise<void> {
		for (const res of this.hanging) res.socket?.destroy();
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
	}

	private answer(request: ReceivedRequest): ScriptedResponse | ScriptedFault {
		const key = request.headers['x-api-key'];
		if (
			key !== this.options.apiKey &&
			!(typeof key === 'string' && this.options.moreApiKeys?.includes(key))
		) {
			return { status: 401, body: { statusCode: 401, message: 'Unauthorized' } };
		}
		if (!this.admit()) {
			this.rateLimited++;
			this.rateLimitedAt.push(Date.now());
			return {
				status: 429,
				body: { message: 'Too many requests' },
				headers: { 'retry-after': this.options.rateLimit?.retryAfter ?? '1' },
			};
		}
		const routes = routeOf(request.url);
		const route = routes.find(({ method }) => method === request.method);
		if (!route) {
			if (!routes.length) return { status: 404, body: { message: 'Cannot route' } };
			const allow = routes.map(({ method }) => method).join(', ');
			return { status: 405, body: { message: 'Method not allowed' }, headers: { allow } };
		}
		const target = targetOf(request.url, request.body);
		const script = this.options.script?.[target];
		if (script) {
			const position = this.scriptPosition.get(target) ?? 0;
			this.scriptPosition.set(target, position + 1);
			if (position < script.length) return script[position];
		}
		if (this.options.faults) {
			const attempt = this.attempts.get(target) ?? 0;
			this.attempts.set(target, attempt + 1);
			const fault = faultFor(this.options.faults, target, attempt);
			if (fault) {
				if ('status' in fault && fault.status === 429) this.rateLimited++;
				return fault;
			}
		}
		const scripted = this.options.responses?.[target];
		if (scripted) return scripted;
		if (route.creates) {
			return {
				status: 201,
				body: { _id: createdId(request.rawBody), ...(request.body as object) },
			};
		}
		if (route.missing && this.options[route.missing]?.includes(target)) {
			return { status: 404, body: { statusCode: 404, message: route.notFound } };
		}
		return { status: 200, body: { _id: target, ...(request.body as object) } };
	}
}
