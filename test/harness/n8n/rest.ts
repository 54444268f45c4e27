/**
 * n8n's REST API as the editor uses it: an owner account, the auth cookie and the browser-id
 * header that n8n checks with it.
 */
export class N8nRest {
	private cookie = '';

	private readonly browserId = 'agilize-e2e-browser';

	constructor(private readonly url: string) {}

	async request(
		method: string,
		path: string,
		body?: unknown,
	): Promise<{ status: number; json: unknown }> {
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await response.text();
		let json: unknown = text;
		try {
			json = JSON.parse(text);
		} catch {
			// not JSON
		}
		return { status: response.status, json };
	}

	/** Creates the owner on a fresh instance (or logs in as it) and keeps its session. */
	async signIn(email = 'owner@example.com', password = 'Agilize-e2e-1'): Promise<void> {
		const setup = await this.request('POST', '/rest/owner/setup', {
			email,
			firstName: 'Owner',
			lastName: 'E2E',
			password,
		});
		if (setup.status === 200) return;
		const login = await this.request('POST', '/rest/login', {
			emailOrLdapLoginId: email,
			email,
			password,
		});
		if (login.status !== 200)
			throw new Error(
				`could not sign in to n8n: ${setup.status} ${JSON.stringify(setup.json)} / ${login.status} ${JSON.stringify(login.json)}`,
			);
	}
}
