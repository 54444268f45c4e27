/**
 * The mock Agilize API as a standalone server, for trying the node in a real n8n and for the
 * benchmark: npx tsx test/harness/mock/serve.ts [port] [apiKey] [latencyMs] [--quiet] [--rate=50/10]
 * Answers 404 for room "missing-room"; GET /__stats reports requests, peak in flight, 429s and
 * rooms updated; --rate=N/B limits it to N requests per second with bursts of B (429, Retry-After: 1).
 */
import { AgilizeMock } from './agilizeMock';

const [port = '5680', apiKey = 'demo-api-key', latency = '0'] = process.argv
	.slice(2)
	.filter((a) => !a.startsWith('--'));
const quiet = process.argv.includes('--quiet');
const rate = /^--rate=(\d+)\/(\d+)$/.exec(process.argv.find((a) => a.startsWith('--rate=')) ?? '');

void new AgilizeMock({
	apiKey,
	missingRooms: ['missing-room'],
	port: Number(port),
	latencyMs: Number(latency),
	log: !quiet,
	recordBodies: false,
	statsEndpoint: true,
	...(rate ? { rateLimit: { perSecond: Number(rate[1]), burst: Number(rate[2]) } } : {}),
})
	.start()
	.then((mock) => {
		console.log(
			`Mock Agilize API on ${mock.baseUrl} (x-api-key: ${apiKey}, latency ${latency} ms; room "missing-room" answers 404)`,
		);
		process.send?.('ready');
	});
