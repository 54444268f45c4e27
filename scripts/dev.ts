/**
 * `npm run dev [-- --n8n 2] [-- --port 5678]`: a real n8n on 127.0.0.1 with the freshly built
 * package installed as a community package, and the mock Agilize API beside it, to try the node
 * in the editor. Its user folder is kept between runs (workflows, the owner account).
 */
import { join } from 'node:path';

import { ensureN8n, cacheRoot } from '../test/harness/n8n/n8nInstall';
import { packTarball } from '../test/harness/pack';
import { RealN8n } from '../test/harness/n8n/realN8n';
import { VERSIONS } from '../test/harness/n8n/versions';
import { AgilizeMock } from '../test/harness/mock/agilizeMock';

const option = (name: string, fallback: string) => {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
};

async function main() {
	const major = option('n8n', '1');
	const version = VERSIONS[major];
	if (!version) throw new Error(`--n8n takes ${Object.keys(VERSIONS).join(' or ')}`);
	const port = Number(option('port', '5678'));
	const apiKey = 'demo-api-key';

	const mock = await new AgilizeMock({
		apiKey,
		missingRooms: ['missing-room'],
		port: 5680,
		log: true,
		recordBodies: false,
	}).start();
	const n8n = new RealN8n(
		await ensureN8n(version),
		packTarball(),
		join(cacheRoot, `dev-n8n-${major}`),
	);
	await n8n.importCredentials([
		{
			id: 'agilizeMockApi01',
			name: 'Agilize (mock API)',
			type: 'agilizeApi',
			data: { apiKey, baseUrl: mock.baseUrl },
		},
	]);
	const url = await n8n.start(port);
	console.log(`
n8n ${version.version} is running with the Agilize node built from this checkout.

  Open ${url} (the first visit asks you to create the owner account).
  The credential "Agilize (mock API)" points at the mock Agilize API on ${mock.baseUrl}
  (x-api-key ${apiKey}); every request it receives is printed below. Room "missing-room" answers 404.
  Import examples/*.json to start from a ready workflow.

  n8n's data: ${n8n.userFolder}   Ctrl+C stops both.
`);
	const stop = async () => {
		await n8n.stop();
		await mock.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
