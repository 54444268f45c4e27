/**
 * The mock Agilize API as a standalone server, for trying the node in a real n8n and for the
 * benchmark: npx tsx test/mock/serve.ts [port] [apiKey] [latencyMs] [--quiet]
 * Answers 404 for room "missing-room"; GET /__stats reports requests and peak in flight.
 */
import { AgilizeMock } from './agilizeMock';

const [port = '5680', apiKey = 'demo-api-key', latency = '0'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const quiet = process.argv.includes('--quiet');

void new AgilizeMock({
	apiKey,
	missingRooms: ['missing-room'],
	port: Number(port),
	latencyMs: Number(latency),
	log: !quiet,
	recordBodies: false,
	statsEndpoint: true,
})
	.start()
	.then((mock) => {
		console.log(`Mock Agilize API on ${mock.baseUrl} (x-api-key: ${apiKey}, latency ${latency} ms; room "missing-room" answers 404)`);
		process.send?.('ready');
	});
