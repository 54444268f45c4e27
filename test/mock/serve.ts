/**
 * The mock Agilize API as a standalone server, for trying the node in a real n8n:
 *   npx tsx test/mock/serve.ts [port] [apiKey]
 * Logs every request it receives.
 */
import { AgilizeMock } from './agilizeMock';

const port = Number(process.argv[2] ?? 5680);
const apiKey = process.argv[3] ?? 'demo-api-key';

void new AgilizeMock({ apiKey, missingRooms: ['missing-room'], port, log: true }).start().then((mock) => {
	console.log(`Mock Agilize API on ${mock.baseUrl} (x-api-key: ${apiKey}; room "missing-room" answers 404)`);
});
