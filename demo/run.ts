/**
 * The main job, end to end on this machine: the built package (dist/) runs the example workflow
 * test/node/chatRoom/update/every-field-type.workflow.json in n8n-core's engine against the bundled mock Agilize API
 * on 127.0.0.1, then prints the request the API received and what the node output.
 */
import { join } from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import { runWorkflow } from '../test/harness/engine/runWorkflow';
import { loadFixture } from '../test/harness/fixtures';
import { AgilizeMock } from '../test/harness/mock/agilizeMock';

const root = join(__dirname, '..');
async function load<T>(file: string, exported: string): Promise<T> {
	const module = (await import(join(root, 'dist', file))) as Record<string, new () => T>;
	return new module[exported]();
}

async function main() {
	const workflow = loadFixture('every-field-type');
	const apiKey = 'demo-api-key';
	const mock = await new AgilizeMock({ apiKey }).start();
	try {
		const result = await runWorkflow(
			workflow,
			{ agilizeApi: { apiKey, baseUrl: mock.baseUrl } },
			{
				node: await load<INodeType>('nodes/Agilize/Agilize.node.js', 'Agilize'),
				credential: await load<ICredentialType>(
					'credentials/AgilizeApi.credentials.js',
					'AgilizeApi',
				),
			},
		);
		console.log(
			`Workflow "${workflow.name}" (timezone ${workflow.settings?.timezone}) ran the built node from dist/.\n`,
		);
		for (const request of mock.requests) {
			console.log(`Mock Agilize API at ${mock.baseUrl} received:`);
			console.log(`  ${request.method} ${request.url}`);
			for (const name of ['x-api-key', 'accept', 'content-type']) {
				console.log(
					`  ${name}: ${name === 'x-api-key' ? '*** (the credential’s key)' : request.headers[name]}`,
				);
			}
			console.log(`  body: ${JSON.stringify(request.body, null, 2).replace(/\n/g, '\n  ')}\n`);
		}
		if (result.error) {
			console.error(`The workflow failed: ${result.error.message}`);
			process.exitCode = 1;
			return;
		}
		console.log('Agilize node output:');
		console.log(JSON.stringify(result.output('Agilize'), null, 2));
	} finally {
		await mock.stop();
	}
}

void main();
