/**
 * The webhook burst, small enough for CI: 300 webhook calls, 100 in flight, each
 * starting one execution that updates one room, against an API allowing 10 requests/s (token
 * bucket, burst 2, 429 with Retry-After: 1). The executions share one pace: every room is
 * updated, every call answered 200, few requests answered 429. `npm run bench` runs the full size.
 */
import assert from 'node:assert/strict';

import { AgilizeMock } from '../harness/mock/agilizeMock';
import type { RealN8n } from '../harness/n8n/realN8n';
import { activateWorkflow, callWebhook, webhookWorkflow } from '../harness/n8n/webhook';

const CALLS = 300;
const PARALLEL = 100;
const PER_SECOND = 10;
/** The mock's Retry-After (its default, 1 s). */
const RETRY_AFTER_MS = 1000;
const PATH = 'agilize-e2e-burst';
const WORKFLOW_ID = 'e2eBurst0000001';
const CREDENTIAL_ID = 'agilizeBurstCred';

export const startBurstMock = (apiKey: string) =>
	new AgilizeMock({
		apiKey,
		latencyMs: 20,
		recordBodies: false,
		rateLimit: { perSecond: PER_SECOND, burst: 2 },
	}).start();

/** Before n8n starts: the burst's credential and its active Webhook → Agilize workflow. */
export async function prepareBurst(
	instance: RealN8n,
	major: number,
	mock: AgilizeMock,
	apiKey: string,
): Promise<void> {
	await instance.importCredentials([
		{
			id: CREDENTIAL_ID,
			name: 'Agilize burst',
			type: 'agilizeApi',
			data: { apiKey, baseUrl: mock.baseUrl },
		},
	]);
	await instance.importWorkflow(webhookWorkflow(WORKFLOW_ID, PATH, CREDENTIAL_ID));
	await activateWorkflow(instance, WORKFLOW_ID, major);
}

export const burstName = `a burst of ${CALLS} webhook calls, ${PARALLEL} in flight, against ${PER_SECOND} requests/s: every room updated, every call answered 200, at most 10 % of requests answered 429 after the first wave`;

/** Fires the burst at a started n8n at `url`. */
export async function checkBurst(url: string, mock: AgilizeMock): Promise<void> {
	// n8n answers its health check before it has registered active workflows' webhooks.
	for (
		let tries = 0;
		(await callWebhook(url, PATH, ['probe'], 1, 30_000))[0].status !== 200;
		tries++
	) {
		assert.ok(tries < 60, 'the webhook never answered 200');
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	mock.resetCounters();
	const rooms = Array.from({ length: CALLS }, (_, i) => `e2e-burst-${i}`);
	const started = Date.now();
	const results = await callWebhook(url, PATH, rooms, PARALLEL, 300_000);
	const seconds = (Date.now() - started) / 1000;
	const least = CALLS / PER_SECOND;
	const firstWave = mock.firstWave(RETRY_AFTER_MS);
	const later = mock.rateLimited - firstWave;
	console.log(
		`    ${mock.updated.size} rooms updated; ${mock.rateLimited} of ${mock.requests.length} requests answered 429 (${firstWave} in the first wave, ${later} after); ${seconds.toFixed(1)} s (the limit allows it in ${least} s at best)`,
	);
	for (const result of results) {
		assert.equal(result.status, 200, `${result.room}: ${result.body.slice(0, 500)}`);
		assert.deepEqual(JSON.parse(result.body), { _id: result.room, department: result.department });
	}
	assert.equal(mock.updated.size, CALLS, 'a room was not updated');
	assert.ok(
		firstWave <= PARALLEL,
		`${firstWave} requests answered 429 in the first wave, more than the ${PARALLEL} calls in flight`,
	);
	// Measured after the first wave: up to 6 % of requests in runs on 1.123.81 and 2.41.1 (once the
	// pace is set, a 429 delays only its own request, so the pace runs close to the limit). Paced
	// per execution, over 90 % of all requests were 429s, nearly all of them later ones.
	assert.ok(
		later <= mock.requests.length * 0.1,
		`${later} of ${mock.requests.length} requests answered 429 after the first wave (429s at ${mock.rateLimitedAt.map((time) => ((time - started) / 1000).toFixed(1)).join(', ')} s)`,
	);
	// Generous for a shared CI machine: the bench holds 2.x to 1.5 × the least time at full size.
	assert.ok(seconds <= 2 * least, `${seconds.toFixed(1)} s where the limit allows ${least} s`);
}
