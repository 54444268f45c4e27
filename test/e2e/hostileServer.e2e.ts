import assert from 'node:assert/strict';

import type { IRun } from 'n8n-workflow';

import type { AgilizeMock, ScriptedResponse } from '../harness/mock/agilizeMock';
import type { RealN8n } from '../harness/n8n/realN8n';
import type { WorkflowJson } from '../harness/workflowJson';

const TIMEOUT_MS = 2000;
const MAX_RETRIES = 1;
/** How far above a normal run's peak RSS a hostile answer may take `n8n execute`. */
const RSS_HEADROOM_MB = 200;
/** Beyond Timeout × attempts: one backoff (≤ 1 s) and the engine's own work. */
const SLACK_MS = 5000;

/** One item for room r1 with Timeout 2 s and Max Retries 1. */
function hostileWorkflow(fixture: WorkflowJson & { id: string }): WorkflowJson & { id: string } {
	const workflow = structuredClone(fixture);
	const agilize = workflow.nodes.find((node) => node.type === 'n8n-nodes-agilize.agilize');
	if (!agilize) throw new Error('the fixture has no Agilize node');
	agilize.parameters.options = { timeout: TIMEOUT_MS, maxRetries: MAX_RETRIES };
	return { ...workflow, id: 'e2eHostileBody1' };
}

const runMs = (run: IRun | undefined) =>
	run?.stoppedAt
		? new Date(run.stoppedAt).getTime() - new Date(run.startedAt).getTime()
		: Number.NaN;

/**
 * A server that answers too much, compressed or endlessly, or too slowly, in real n8n: the
 * execution fails with the user's message within Timeout × attempts, and `n8n execute`'s peak
 * RSS stays near a normal run's. Prints what it measured.
 */
export async function hostileServerScenarios(
	instance: RealN8n,
	mock: AgilizeMock,
	scenario: (name: string, check: () => Promise<void>) => Promise<void>,
	assignRoom: WorkflowJson & { id: string },
): Promise<void> {
	const workflow = hostileWorkflow(assignRoom);
	await instance.importWorkflow(workflow);
	let normalPeakMb = 0;
	await scenario('a normal run, measured: the peak RSS hostile answers are held to', async () => {
		const { status, peakRssMb, output } = await instance.execute(workflow.id, { env: {} });
		assert.equal(status, 0, output.slice(-3000));
		normalPeakMb = peakRssMb ?? 0;
		console.log(`    normal run: peak RSS ${normalPeakMb.toFixed(0)} MB`);
	});

	const cases: Array<[string, ScriptedResponse, string, number]> = [
		[
			'an endless 200',
			{ status: 200, hostile: { kind: 'endless' } },
			'Agilize answered with more than 2 MB: check the Base URL',
			1,
		],
		[
			'a gzip bomb (300 MiB inflated) in a 200',
			{ status: 200, hostile: { kind: 'gzipBomb', inflatedBytes: 300 * 1024 * 1024 } },
			'Agilize answered with more than 2 MB: check the Base URL',
			1,
		],
		[
			'a 200 dripped a byte a second',
			{
				status: 200,
				hostile: { kind: 'drip', text: `{"_id":"r1","pad":"${'.'.repeat(60)}"}`, intervalMs: 1000 },
			},
			"Agilize's answer (HTTP 200) did not arrive whole: the request timed out",
			MAX_RETRIES + 1,
		],
	];
	for (const [kind, response, message, requests] of cases) {
		await scenario(
			`${kind}: the execution fails with "${message}" within the Timeout, memory near a normal run's`,
			async () => {
				mock.options.responses = { r1: response };
				const { run, status, peakRssMb = 0 } = await instance.execute(workflow.id, { env: {} });
				mock.options.responses = undefined;
				const took = runMs(run);
				console.log(
					`    ${kind}: peak RSS ${peakRssMb.toFixed(0)} MB, execution ${(took / 1000).toFixed(1)} s`,
				);
				assert.notEqual(status, 0);
				assert.equal(run?.data.resultData.error?.message, message);
				assert.deepEqual(
					run?.data.resultData.runData.Agilize?.[0]?.data?.main?.[0] ?? [],
					[],
					'an item succeeded',
				);
				assert.equal(mock.requestsFor('r1').length, requests);
				assert.ok(
					took <= TIMEOUT_MS * (MAX_RETRIES + 1) + SLACK_MS,
					`the execution took ${took} ms`,
				);
				assert.ok(
					peakRssMb <= normalPeakMb + RSS_HEADROOM_MB,
					`peak RSS ${peakRssMb} MB against ${normalPeakMb} MB for a normal run`,
				);
			},
		);
	}
}
