// The least a node can do per item inside n8n: read two parameters (the same two expressions the
// other nodes of the benchmark have), send one PATCH through this.helpers.httpRequest, return the
// answer. Five at a time by default, like the Agilize node. Not part of the package.
class Minimal {
	description = {
		displayName: 'Minimal',
		name: 'minimal',
		group: ['transform'],
		version: 1,
		description: 'One PATCH per item',
		defaults: { name: 'Minimal' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Tag', name: 'tag', type: 'string', default: '' },
			{ displayName: 'Key', name: 'key', type: 'string', default: '' },
			{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 5 },
		],
	};

	async execute() {
		const items = this.getInputData();
		const key = this.getNodeParameter('key', 0);
		const concurrency = this.getNodeParameter('concurrency', 0, 5);
		const out = new Array(items.length);
		let next = 0;
		const worker = async () => {
			while (next < items.length) {
				const i = next++;
				const body = { tags: [this.getNodeParameter('tag', i)] };
				const json = await this.helpers.httpRequest({
					method: 'PATCH',
					url: this.getNodeParameter('url', i),
					headers: { 'x-api-key': key },
					body,
					json: true,
				});
				out[i] = { json, pairedItem: { item: i } };
			}
		};
		await Promise.all(Array.from({ length: concurrency }, worker));
		return [out];
	}
}
module.exports = { Minimal };
