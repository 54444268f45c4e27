import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
	method: string;
	/** The raw request target, as it reached the server (percent-encoding kept). */
	url: string;
	headers: IncomingHttpHeaders;
	/** The raw body text. */
	rawBody: string;
	/** The body parsed as JSON, or `undefined` if it was empty or not JSON. */
	body: unknown;
}

export interface ScriptedResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface MockOptions {
	/** The x-api-key the mock accepts; any other gets 401. */
	apiKey: string;
	/** Rooms that do not exist: PATCHes to them get 404. */
	missingRooms?: string[];
	/** A fixed answer for a room, by decoded room id. */
	responses?: Record<string, ScriptedResponse>;
	/** Port on 127.0.0.1; 0 (the default) picks a free one. */
	port?: number;
	/** Print each request as it arrives. */
	log?: boolean;
}

const ROOM_PATH = /^\/messenger\/chat\/room\/([^/?]+)$/;

/**
 * A stand-in for Agilize's API on 127.0.0.1: it records every request exactly as it arrived and
 * answers as the API documents (200 with the room, 401 for a wrong key, 404 for a missing room).
 */
export class AgilizeMock {
	readonly requests: ReceivedRequest[] = [];

	private server?: Server;

	constructor(private readonly options: MockOptions) {}

	get baseUrl(): string {
		const { port } = this.server?.address() as AddressInfo;
		return `http://127.0.0.1:${port}`;
	}

	async start(): Promise<this> {
		this.server = createServer((req, res) => {
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
				const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawBody, body };
				this.requests.push(request);
				if (this.options.log) console.log(`${request.method} ${request.url} ${rawBody}`);
				const answer = this.answer(request);
				res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
				res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
			});
		});
		await new Promise<void>((resolve) => this.server?.listen(this.options.port ?? 0, '127.0.0.1', resolve));
		return this;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	private answer(request: ReceivedRequest): ScriptedResponse {
		if (request.headers['x-api-key'] !== this.options.apiKey) {
			return { status: 401, body: { statusCode: 401, message: 'Unauthorized' } };
		}
		const match = ROOM_PATH.exec(request.url);
		if (request.method !== 'PATCH' || !match) return { status: 404, body: { message: 'Cannot route' } };
		const roomId = decodeURIComponent(match[1]);
		const scripted = this.options.responses?.[roomId];
		if (scripted) return scripted;
		if (this.options.missingRooms?.includes(roomId)) {
			return { status: 404, body: { statusCode: 404, message: 'Room not found' } };
		}
		return { status: 200, body: { _id: roomId, ...(request.body as object) } };
	}
}
