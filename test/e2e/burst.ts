/**
 * The webhook burst of issue 18, small enough for CI: 300 webhook calls, 100 in flight, each
 * starting one execution that updates one room, against an API allowing 10 requests/s (token
 * bucket, burst 2, 429 with Retry-After: 1). The executions share one pace: every room is
 * updated, every call answered 200, few requests answered 429. `npm run bench` runs the full size.
 */
import assert from 'node:assert/strict';

import { AgilizeMock } from '../../tools/mock/agilizeMock';
import type { RealN8n } from '../../tools/n8n/realN8n';
import { activateWorkflow, callWebhook, webhookWorkflow } from '../../tools/n8n/webhook';

const CALLS = 300;
const PARALLEL = 100;
const PER_SECOND = 10;
const PATH = 'agilize-e2e-burst';
const WORKFLOW_ID = 'e2eBurst0000001';
const CREDENTIAL_ID = 'agilizeBurstCred';

export const startBurstMock = (apiKey: string) =>
	new AgilizeMock({ apiKey, latencyMs: 20, recordBodies: false, rateLimit: { perSecond: PER_SECOND, burst: 2 } }).start();

/** Before n8n starts: the burst's credential and its active Webhook → Agilize workflow. */
export async function prepareBurst(instance: RealN8n, major: number, mock: AgilizeMock, apiKey: string): Promise<void> {
	await instance.importCredentials([{ id: CREDENTIAL_ID, name: 'Agilize burst', type: 'agilizeApi', data: { apiKey, baseUrl: mock.baseUrl } }]);
	await instance.importWorkflow(webhookWorkflow(WORKFLOW_ID, PATH, CREDENTIAL_ID));
	await activateWorkflow(instance, WORKFLOW_ID, major);
}

export const burstName = `a burst of ${CALLS} webhook calls, ${PARALLEL} in flight, against ${PER_SECOND} requests/s: every room updated, every call answered 200, at most 15 % of requests answered 429`;

/** Fires the burst at a started n8n at `url`. */
export async function checkBurst(url: string, mock: AgilizeMock): Promise<void> {
	// n8n answers its health check before it has registered active workflows' webhooks.
	for (let tries = 0; (await callWebhook(url, PATH, ['probe'], 1, 30_000))[0].status !== 200; tries++) {
		assert.ok(tries < 60, 'the webhook never answered 200');
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	mock.resetCounters();
	const rooms = Array.from({ length: CALLS }, (_, i) => `e2e-burst-${i}`);
	const started = Date.now();
	const results = await callWebhook(url, PATH, rooms, PARALLEL, 300_000);
	const seconds = (Date.now() - started) / 1000;
	const floor = CALLS / PER_SECOND;
	console.log(`    ${mock.updated.size} rooms updated; ${mock.rateLimited} of ${mock.requests.length} requests answered 429; ${seconds.toFixed(1)} s (the limit's floor: ${floor} s)`);
	for (const result of results) {
		assert.equal(result.status, 200, `${result.room}: ${result.body.slice(0, 500)}`);
		assert.deepEqual(JSON.parse(result.body), { _id: result.room, department: result.department });
	}
	assert.equal(mock.updated.size, CALLS, 'a room was not updated');
	// At this size the first wave, sent before any 429 taught the pace, weighs more than in the
	// bench's 1,000 calls (0.1–0.8 % there): 0.7–8.8 % measured across the six releases. Paced per
	// execution, as before issue 18, over 90 % were 429s; 15 % keeps that apart without flaking.
	assert.ok(mock.rateLimited <= mock.requests.length * 0.15, `${mock.rateLimited} of ${mock.requests.length} requests answered 429`);
	// Generous for a shared CI machine: the bench holds 2.x to 1.5 × the floor at full size.
	assert.ok(seconds <= 2 * floor, `${seconds.toFixed(1)} s for a ${floor} s floor`);
}
