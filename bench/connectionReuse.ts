/**
 * `npx tsx bench/connectionReuse.ts`: why latency and CPU add up at concurrency 10, without n8n.
 * 1,000 PATCHes, ten at a time, against the mock API (20 ms latency, its own process), each
 * request preceded and followed by CPU work standing in for what n8n spends per item. Once with a
 * new connection per request (as n8n's request helper opens one: a new agent per request), once
 * reusing connections (keep-alive). docs/performance.md quotes it.
 */
import { Agent, request } from 'node:http';

import { API_KEY, startMock } from './mockProcess';

const REQUESTS = 1000;
const CONCURRENCY = 10;
const LATENCY_MS = 20;

function spend(ms: number): void {
	const end = performance.now() + ms;
	while (performance.now() < end);
}

function patch(url: string, agent: Agent): Promise<void> {
	return new Promise((resolve, reject) => {
		const req = request(
			`${url}/messenger/chat/room/room-1`,
			{
				method: 'PATCH',
				agent,
				headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
			},
			(res) => {
				res.resume();
				res.once('end', resolve);
			},
		);
		req.once('error', reject);
		req.end('{"tags":["vip"]}');
	});
}

async function run(url: string, cpuMs: number, reuse: boolean): Promise<number> {
	const shared = new Agent({ keepAlive: true });
	let next = 0;
	const start = performance.now();
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < REQUESTS) {
				next++;
				spend(cpuMs / 2);
				await patch(url, reuse ? shared : new Agent());
				spend(cpuMs / 2);
			}
		}),
	);
	shared.destroy();
	return (performance.now() - start) / 1000;
}

async function main(): Promise<void> {
	const mock = await startMock(4790, LATENCY_MS);
	try {
		const ideal = (REQUESTS / CONCURRENCY) * (LATENCY_MS / 1000);
		console.log(
			`${REQUESTS} requests, ${CONCURRENCY} at a time, ${LATENCY_MS} ms API: at best ${ideal} s`,
		);
		for (const cpuMs of [0, 1.4]) {
			for (const reuse of [false, true]) {
				const seconds = await run(mock.url, cpuMs, reuse);
				const how = reuse ? 'connections reused' : 'a new connection per request';
				console.log(
					`  ${cpuMs} ms CPU per request, ${how}: ${seconds.toFixed(2)} s (${(seconds / ideal).toFixed(2)} × the ideal)`,
				);
			}
		}
	} finally {
		mock.stop();
	}
}

void main();
