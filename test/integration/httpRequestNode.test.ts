import { fromSources, runWorkflow } from '../harness/engine/runWorkflow';
import { httpRequest } from '../harness/engine/standInNodes';
import { AgilizeMock } from '../harness/mock/agilizeMock';
import { credentialProblems, httpRequestWorkflow } from '../harness/httpRequestNode';
import { API_KEY, loadFixture } from '../harness/helpers';

/**
 * The credential outside this node: users call Agilize endpoints the node does not cover with
 * n8n's HTTP Request node, Authentication → Predefined Credential Type → Agilize API, and n8n
 * applies the credential's `authenticate` block to the request (real n8n: test/e2e/run.ts).
 */
async function run(apiKey: string) {
	const credential = { apiKey, baseUrl: 'https://agilize.example.test' };
	const mock = await new AgilizeMock({ apiKey: API_KEY }).start();
	try {
		const result = await runWorkflow(
			httpRequestWorkflow(loadFixture('http-request-node'), mock.baseUrl),
			{ agilizeApi: credential },
			{
				...fromSources,
				extraNodeTypes: { 'n8n-nodes-base.httpRequest': httpRequest },
			},
		);
		return { result, problems: credentialProblems(mock.requests, credential) };
	} finally {
		await mock.stop();
	}
}

test('the HTTP Request node with the Agilize API credential sends the key as x-api-key and nothing else of the credential', async () => {
	const { result, problems } = await run(API_KEY);
	expect(result.error).toBeUndefined();
	expect(problems).toEqual([]);
	// The mock answers 401 without the key and echoes the room with it.
	expect(result.output('Without credential')[0]?.json.error).toMatch(/401/);
	expect(result.output('With Agilize credential')).toEqual([
		{ json: { _id: 'r-http', department: 'sales' }, pairedItem: { item: 0 } },
	]);
});

test('a wrong key in the credential is what the API receives, and refuses', async () => {
	const { result, problems } = await run('ak_wrong_key_0000');
	expect(problems).toEqual([]);
	// n8n's own words for the 401 the API answered.
	expect(result.error?.message).toBe('Authorization failed - please check your credentials');
});
