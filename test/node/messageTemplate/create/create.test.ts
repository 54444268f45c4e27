import {
	loadFixture,
	operationWorkflow,
	pinnedOutput,
	runAgainstMock,
} from '../../../harness/helpers';
import { createTemplateJsonRequests, createTemplateRequests } from './expected';

const template = operationWorkflow('messageTemplate', 'create');

describe('Message Template → Create against a mock Agilize API', () => {
	test.each(['create-template', 'create-template-json'])(
		'the fixture %s gives the output it pins',
		async (name) => {
			const { output, error } = await runAgainstMock(loadFixture(name));
			expect(error).toBeUndefined();
			expect(output('Agilize').map(({ json }) => ({ json }))).toEqual(
				pinnedOutput(name, 'Agilize'),
			);
		},
	);

	test('a POST with Business and Phone first, then the Additional Fields set, JSON objects as objects', async () => {
		const { mock } = await runAgainstMock(loadFixture('create-template'));
		expect(mock.requests.map((r) => [r.method, r.url, r.body])).toEqual(createTemplateRequests);
	});

	test('in JSON mode the JSON is the whole body', async () => {
		const { mock } = await runAgainstMock(loadFixture('create-template-json'));
		expect(mock.requests.map((r) => [r.method, r.url, r.body])).toEqual(createTemplateJsonRequests);
	});

	test.each([
		[{ business: '={{ $json.b }}', phone: '+5511' }, '"Business" (business) is required [item 0]'],
		[{ business: 'b1', phone: '={{ $json.p }}' }, '"Phone" (phone) is required [item 0]'],
		[
			{ specifyBody: 'json', jsonBody: '{"business": "b1"}' },
			'"JSON Body" (jsonBody) must hold phone: it is required [item 0]',
		],
		[
			{ specifyBody: 'json', jsonBody: '{"name": "x"}' },
			'"JSON Body" (jsonBody) must hold business and phone: they are required [item 0]',
		],
		[
			{ specifyBody: 'json', jsonBody: '{"business": "b1", "phone": "p", "langauge": "pt_BR"}' },
			'"JSON Body" (jsonBody) has keys that are not fields of the Agilize API: langauge (turn on "Allow Unknown Fields" to send them anyway) [item 0]',
		],
		[
			{ business: 'b1', phone: 'p', additionalFields: { header: '{"type": ' } },
			'Additional Fields: "Header" (header) must be a JSON object, but it is not valid JSON [item 0]',
		],
	])(
		'bad input %j names what is missing or wrong, and nothing is sent',
		async (parameters, message) => {
			const { mock, error } = await runAgainstMock(template(parameters));
			expect(mock.requests).toHaveLength(0);
			expect(error?.message).toBe(message);
		},
	);

	test('a 500 is not retried (the template may exist), and the item says so', async () => {
		const { mock, output } = await runAgainstMock(
			template(
				{ business: 'b1', phone: 'p', additionalFields: { name: 'welcome' } },
				[{}],
				'continueRegularOutput',
			),
			{ script: { welcome: [{ status: 500, body: { message: 'Internal error' } }] } },
		);
		expect(mock.requests).toHaveLength(1);
		expect(output('Agilize')[0].json.error).toBe(
			'Agilize answered with a server error (HTTP 500). The message template may or may not have been created: look for it among the WhatsApp number’s templates in Agilize before running this item again',
		);
	});
});
