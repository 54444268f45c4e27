import { runWorkflow } from '../harness/engine/runWorkflow';
import { AgilizeMock } from '../harness/mock/agilizeMock';
import { workflowWith } from '../harness/helpers';

/**
 * A worker in n8n's queue mode runs several executions at once in one process. Nothing of one
 * (its credential, Base URL, pace) may reach another: two executions with different credentials
 * run concurrently in one engine, each with many items in flight.
 */
test('two concurrent executions with different credentials and Base URLs never mix', async () => {
	const tenants = await Promise.all(
		['ak_tenant_a_11111111', 'ak_tenant_b_22222222'].map(async (apiKey) => ({
			apiKey,
			mock: await new AgilizeMock({ apiKey, latencyMs: (room) => (room.length % 7) * 3 }).start(),
		})),
	);
	try {
		const items = Array.from({ length: 200 }, (_, i) => ({ roomId: `room-${i}` }));
		const runs = await Promise.all(
			tenants.map(({ apiKey, mock }, tenant) =>
				runWorkflow(
					workflowWith(items, {
						roomId: `={{ "t${tenant}-" + $json.roomId }}`,
						updateFields: { tags: `tenant-${tenant}` },
						options: { concurrency: 10 },
					}),
					{ agilizeApi: { apiKey, baseUrl: mock.baseUrl } },
				),
			),
		);
		tenants.forEach(({ apiKey, mock }, tenant) => {
			expect(runs[tenant].error).toBeUndefined();
			expect(mock.requests).toHaveLength(200);
			for (const request of mock.requests) {
				expect(request.headers['x-api-key']).toBe(apiKey);
				expect(request.url).toMatch(new RegExp(`^/messenger/chat/room/t${tenant}-room-\\d+$`));
				expect(request.body).toEqual({ tags: [`tenant-${tenant}`] });
			}
			expect(runs[tenant].output('Agilize').map((item) => item.json._id)).toEqual(
				items.map((item) => `t${tenant}-${item.roomId}`),
			);
		});
	} finally {
		await Promise.all(tenants.map(({ mock }) => mock.stop()));
	}
});
