import type { ServerResponse } from 'node:http';
import { createGzip } from 'node:zlib';

/**
 * Bodies a broken or hostile server sends: more than anyone should read, compressed to look
 * small, or so slowly that only a whole-attempt timeout ends them.
 */
export type HostileBody =
	/** A JSON object of `bytes` bytes (a long string inside). */
	| { kind: 'large'; bytes: number }
	/** A JSON object that never ends, sent as fast as the client reads. */
	| { kind: 'endless' }
	/** `content-encoding: gzip`: a few hundred KB on the wire inflating to `inflatedBytes`. */
	| { kind: 'gzipBomb'; inflatedBytes: number }
	/** `text`, one byte every `intervalMs`, after headers sent at once. */
	| { kind: 'drip'; text: string; intervalMs: number };

const CHUNK = Buffer.alloc(64 * 1024, 'x');

/** JSON `{"message": [[[…]]]}` with lists nested `depth` deep. */
export const deepJson = (depth: number): string =>
	`{"message":${'['.repeat(depth)}${']'.repeat(depth)}}`;

/** Writes `chunk` and resolves once the client took it; false when the client has gone. */
async function write(res: ServerResponse, chunk: Buffer | string): Promise<boolean> {
	if (res.destroyed || res.writableEnded) return false;
	if (res.write(chunk)) return true;
	return await new Promise<boolean>((resolve) => {
		const done = (ok: boolean) => {
			res.off('drain', onDrain);
			res.off('close', onClose);
			resolve(ok);
		};
		const onDrain = () => done(true);
		const onClose = () => done(false);
		res.on('drain', onDrain);
		res.on('close', onClose);
	});
}

const bombs = new Map<number, Buffer>();

/** Gzip of a JSON object of `inflatedBytes` (mostly spaces), made once per size (level 9: about 1/1000 of its size). */
export async function gzipBomb(inflatedBytes: number): Promise<Buffer> {
	const made = bombs.get(inflatedBytes);
	if (made) return made;
	const gzip = createGzip({ level: 9 });
	const parts: Buffer[] = [];
	gzip.on('data', (part: Buffer) => parts.push(part));
	const ended = new Promise((resolve) => gzip.on('end', resolve));
	const spaces = Buffer.alloc(1024 * 1024, ' ');
	gzip.write('{"pad":"');
	for (let sent = 0; sent < inflatedBytes; sent += spaces.length) {
		if (!gzip.write(spaces.subarray(0, Math.min(spaces.length, inflatedBytes - sent)))) {
			await new Promise((resolve) => gzip.once('drain', resolve));
		}
	}
	gzip.end();
	await ended;
	const bomb = Buffer.concat(parts);
	bombs.set(inflatedBytes, bomb);
	return bomb;
}

/** Headers that go with a hostile body. */
export const hostileHeaders = (body: HostileBody): Record<string, string> =>
	body.kind === 'gzipBomb' ? { 'content-encoding': 'gzip' } : {};

/** Sends `body` on `res` (headers already written), until it is done or the client goes. */
export async function sendHostileBody(res: ServerResponse, body: HostileBody): Promise<void> {
	switch (body.kind) {
		case 'large': {
			let left = body.bytes - '{"pad":""}'.length;
			if (!(await write(res, '{"pad":"'))) return;
			while (left > 0) {
				const chunk = CHUNK.subarray(0, Math.min(CHUNK.length, left));
				if (!(await write(res, chunk))) return;
				left -= chunk.length;
			}
			res.end('"}');
			return;
		}
		case 'endless':
			if (!(await write(res, '{"pad":"'))) return;
			while (await write(res, CHUNK));
			return;
		case 'gzipBomb':
			res.end(await gzipBomb(body.inflatedBytes));
			return;
		case 'drip':
			for (const char of body.text) {
				if (!(await write(res, char))) return;
				// Unreferenced: a drip cut short by its client must not keep a test process alive.
				await new Promise((resolve) => setTimeout(resolve, body.intervalMs).unref());
			}
			res.end();
	}
}
