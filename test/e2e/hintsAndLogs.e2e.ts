import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { IRun } from 'n8n-workflow';

import type { WorkflowJson } from '../harness/engine/runWorkflow';
import type { AgilizeMock } from '../harness/mock/agilizeMock';
import type { InstalledN8n } from '../harness/n8n/n8nInstall';
import type { RealN8n } from '../harness/n8n/realN8n';

/** Whether this n8n has SSRF protection (`N8N_SSRF_PROTECTION_ENABLED`, n8n 2.x's network layer). */
export function hasSsrfProtection(installed: InstalledN8n): boolean {
	const modules = dirname(dirname(dirname(installed.bin)));
	return existsSync(join(modules, '@n8n', 'backend-network', 'dist', 'ssrf'));
}

/** Whether this n8n lets a node add execution hints (`addExecutionHints`: n8n 1.82 and later, not 1.70). */
export function hasExecutionHints(installed: InstalledN8n): boolean {
	const core = join(dirname(dirname(dirname(installed.bin))), 'n8n-core', 'dist');
	return ['execution-engine/node-execution-context', 'node-execution-context']
		.map((folder) => join(core, folder, 'execute-context.js'))
		.some((file) => existsSync(file) && readFileSync(file, 'utf8').includes('addExecutionHints'));
}

const taskOf = (run: IRun | undefined) => run?.data.resultData.runData.Agilize?.[0];
const hintsOf = (run: IRun | undefined) =>
	(taskOf(run)?.hints ?? []).map((hint) => hint.message).join('\n');

/**
 * What the node tells users (execution hints) and admins (n8n's debug log) in real n8n, and n8n's
 * own reason when its SSRF protection refuses a request. `errorOutput` is the error-output
 * fixture (r1, missing-room, r3; Continue On Fail to the error output), `clean` one that succeeds.
 */
export async function hintsAndLogsScenarios(
	instance: RealN8n,
	installed: InstalledN8n,
	mock: AgilizeMock,
	scenario: (name: string, check: () => Promise<void>) => Promise<void>,
	workflows: { errorOutput: WorkflowJson & { id: string }; clean: WorkflowJson & { id: string } },
	apiKey: string,
	version: string,
): Promise<void> {
	await instance.importWorkflow(workflows.errorOutput);
	await instance.importWorkflow(workflows.clean);
	const debug = { env: { N8N_LOG_LEVEL: 'debug' } };
	await scenario(
		'after 429s and a missing room: a hint names the 429s and Max Requests per Second, debug lines tell each 429, the key nowhere',
		async () => {
			const rateLimited = {
				status: 429,
				headers: { 'retry-after': '0' },
				body: { message: 'slow down' },
			};
			mock.options.script = { r1: [rateLimited], r3: [rateLimited] };
			const { run, status, output: text } = await instance.execute(workflows.errorOutput.id, debug);
			mock.options.script = undefined;
			assert.equal(status, 0, text.slice(-3000));
			if (!hasExecutionHints(installed)) {
				assert.equal(hintsOf(run), '');
				console.log(`  (n8n ${version} shows no execution hints of nodes here: nothing to check)`);
			} else {
				const hints = hintsOf(run);
				assert.match(hints, /Agilize answered HTTP 429 \(too many requests\) 2 times/);
				assert.match(hints, /set Options → Max Requests per Second/);
				assert.match(hints, /1 of 3 items failed \(1 not found \(HTTP 404\)\)/);
				console.log(`    hints: ${hints.replace(/\n/g, ' | ')}`);
			}
			const lines = text.split('\n').filter((line) => line.includes('Agilize: '));
			assert.equal(
				lines.filter((line) => line.includes('was rate limited (HTTP 429)')).length,
				2,
				text.slice(-3000),
			);
			assert.ok(
				lines.some((line) => /3 items in .*: 2 succeeded, 1 failed, 2 HTTP 429/.test(line)),
				lines.join('\n'),
			);
			console.log(
				`    log: ${lines
					.slice(0, 3)
					.map((line) => line.replace(/\x1b\[[0-9;]*m/g, '').trim())
					.join(' | ')}`,
			);
			assert.ok(!text.includes(apiKey), 'the API key appears in the output or the log');
		},
	);

	await scenario('a clean run: no hint, and no line from the node at level info', async () => {
		const {
			run,
			status,
			output: text,
		} = await instance.execute(workflows.clean.id, { env: { N8N_LOG_LEVEL: 'info' } });
		assert.equal(status, 0, text.slice(-3000));
		assert.equal(hintsOf(run), '');
		assert.ok(!text.includes('Agilize: '), text.slice(-2000));
	});

	if (!hasSsrfProtection(installed)) {
		console.log(`  - SSRF protection: skipped, n8n ${version} has none`);
		return;
	}
	await scenario(
		"with n8n's SSRF protection on, a Base URL on 127.0.0.1 sends nothing and the item gives n8n's reason; allowing 127.0.0.0/8 lets it through",
		async () => {
			const protectedRun = await instance.execute(workflows.errorOutput.id, {
				env: { N8N_SSRF_PROTECTION_ENABLED: 'true' },
			});
			assert.equal(protectedRun.status, 0, protectedRun.output.slice(-3000));
			assert.equal(mock.requests.length, 0, 'a request reached the mock');
			const errors = (taskOf(protectedRun.run)?.data?.main?.[1] ?? []).map((item) =>
				String(item.json.error),
			);
			assert.equal(errors.length, 3);
			assert.match(
				errors[0],
				/^The request was blocked because it resolves to a restricted IP address/,
			);
			const [failed] = (taskOf(protectedRun.run)?.data?.main?.[1] ?? []) as Array<{
				error?: { description?: string };
			}>;
			console.log(`    item error: ${errors[0]}`);
			if (failed?.error?.description)
				assert.match(failed.error.description, /N8N_SSRF_ALLOWED_IP_RANGES/);
			const allowed = await instance.execute(workflows.errorOutput.id, {
				env: { N8N_SSRF_PROTECTION_ENABLED: 'true', N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.0/8' },
			});
			assert.equal(allowed.status, 0, allowed.output.slice(-3000));
			assert.equal(mock.requests.length, 3);
			assert.deepEqual(
				(taskOf(allowed.run)?.data?.main?.[0] ?? []).map((item) => item.json._id),
				['r1', 'r3'],
			);
		},
	);
}
