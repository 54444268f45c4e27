/**
 * `npm run test:editor [-- 2]`: the editor as a user sees it. Starts real n8n with the packed
 * package, signs up the owner in headless Chromium (Debian's `chromium`, driven by
 * playwright-core), opens a workflow holding the Agilize node, opens its panel, adds Update Fields
 * entries (a nested one, UTM, among them), checks that they render, and saves screenshots in
 * test-results/editor/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Page } from 'playwright-core';

import { AgilizeMock } from '../mock/agilizeMock';
import { ensureN8n } from './n8nInstall';
import { pack } from './pack';
import { RealN8n } from './realN8n';
import { N8nRest } from './rest';
import { VERSIONS } from './versions';

const shots = join(__dirname, '..', '..', 'test-results', 'editor');
const EMAIL = 'owner@example.com';
const PASSWORD = 'Agilize-e2e-1';

async function shot(page: Page, name: string) {
	await page.screenshot({ path: join(shots, `${name}.png`) });
	console.log(`  screenshot test-results/editor/${name}.png`);
}

async function main() {
	const major = process.argv.slice(2).find((arg) => arg in VERSIONS) ?? '1';
	mkdirSync(shots, { recursive: true });
	const mock = await new AgilizeMock({ apiKey: 'demo-api-key' }).start();
	const n8n = new RealN8n(ensureN8n(VERSIONS[major]), pack());
	await n8n.importCredentials([{ id: 'agilizeEditorCred', name: 'Agilize account', type: 'agilizeApi', data: { apiKey: 'demo-api-key', baseUrl: mock.baseUrl } }]);
	const url = await n8n.start(5700 + Number(major));
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		await page.goto(url);
		// A fresh n8n asks for the owner account first.
		await page.waitForURL(/setup|signin/, { timeout: 60_000 });
		if (page.url().includes('setup')) {
			await page.fill('input[name="email"]', EMAIL);
			await page.fill('input[name="firstName"]', 'Owner');
			await page.fill('input[name="lastName"]', 'E2E');
			await page.fill('input[name="password"]', PASSWORD);
			await shot(page, '01-owner-setup');
			await page.keyboard.press('Enter');
		}
		await page.waitForURL((u) => !/setup|signin/.test(u.pathname), { timeout: 60_000 });
		await shot(page, '02-signed-in');
		console.log(page.url());
	} finally {
		await browser.close();
		await n8n.stop();
		await mock.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	console.log('0 passed, 1 failed');
	process.exitCode = 1;
});
