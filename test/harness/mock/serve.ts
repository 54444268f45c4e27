/**
 * The mock Agilize API as a standalone server, for trying the node in a real n8n and for the
 * benchmark: npx tsx test/harness/mock/serve.ts [port] [apiKey] [latencyMs] [--quiet] [--rate=50/10]
 * [--faults=<json>] [--missing-every=N]
 * Answers 404 for room "missing-room"; GET /__stats reports requests, peak in flight, 429s and
 * rooms updated; --rate=N/B limits it to N requests per second with bursts of B (429, Retry-After: 1);
 * --faults makes it flaky (see Faults in agilizeMock.ts); --missing-every=N: rooms room-<i> with
 * i % N = N - 1 do not exist.
 */
import { AgilizeMock, type Faults } from './agilizeMock';

const [port = '5680', apiKey = 'demo-api-key', latency = '0'] = process.argv
	.slice(2)
	.filter((a) => !a.startsWith('--'));
const quiet = process.argv.includes('--quiet');
const rate = /^--rate=(\d+)\/(\d+)$/.exec(process.argv.find((a) => a.startsWith('--rate=')) ?? '');
const option = (name: string) =>
	process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const faults = option('faults') ? (JSON.parse(option('faults') as string) as Faults) : undefined;
const missingEvery = Number(option('missing-every') ?? 0);
const missing = missingEvery
	? Array.from({ length: 100_000 / missingEvery }, (_, i) => `room-${(i + 1) * missingEvery - 1}`)
	: [];

void new AgilizeMock({
	apiKey,
	missingRooms: ['missing-room', ...missing],
	faults,
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
