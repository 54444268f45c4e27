/**
 * `npm run test:editor [-- 1|2]`: the editor as a user sees it. Starts real n8n with the packed
 * package, signs up the owner in headless Chromium (Debian's `chromium`, driven by
 * playwright-core), opens a workflow holding the Agilize node, opens its panel, adds Update Fields
 * entries (a nested one, UTM, among them), checks that they render, and saves screenshots in
 * test-results/editor/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Page } from 'playwright-core';

import { AgilizeMock } from '../harness/mock/agilizeMock';
import { ensureN8n } from '../harness/n8n/n8nInstall';
import { packTarball } from '../harness/pack';
import { RealN8n } from '../harness/n8n/realN8n';
import { VERSIONS } from '../harness/n8n/versions';

const shots = join(__dirname, '..', '..', 'test-results', 'editor');
const EMAIL = 'owner@example.com';
const PASSWORD = 'Agilize-e2e-1';

async function shot(page: Page, name: string) {
	await page.screenshot({ path: join(shots, `${name}.png`) });
	console.log(`  screenshot test-results/editor/${name}.png`);
}

async function editorTest(major: string) {
	mkdirSync(shots, { recursive: true });
	const mock = await new AgilizeMock({ apiKey: 'demo-api-key' }).start();
	const n8n = new RealN8n(await ensureN8n(VERSIONS[major]), packTarball());
	await n8n.importCredentials([
		{
			id: 'agilizeEditorCred',
			name: 'Agilize account',
			type: 'agilizeApi',
			data: { apiKey: 'demo-api-key', baseUrl: mock.baseUrl },
		},
	]);
	const url = await n8n.start(5700 + Number(major));
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	try {
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		// A fresh n8n asks for the owner account first. In one of three CI runs n8n 2.41.1's editor
		// did not get there within 60 s of its first load; it gets one reload, and says so.
		await page.goto(url);
		try {
			await page.waitForURL(/setup|signin/, { timeout: 60_000, waitUntil: 'commit' });
		} catch {
			console.log(
				`  (n8n ${VERSIONS[major].version}: the editor did not open its setup page within 60 s; reloaded once)`,
			);
			await page.reload();
			await page.waitForURL(/setup|signin/, { timeout: 60_000, waitUntil: 'commit' });
		}
		if (page.url().includes('setup')) {
			await page.fill('input[name="email"]', EMAIL);
			await page.fill('input[name="firstName"]', 'Owner');
			await page.fill('input[name="lastName"]', 'E2E');
			await page.fill('input[name="password"]', PASSWORD);
			await shot(page, '01-owner-setup');
			await page.keyboard.press('Enter');
		}
		await page.waitForURL((u) => !/setup|signin/.test(u.pathname), {
			timeout: 60_000,
			waitUntil: 'commit',
		});
		await shot(page, '02-signed-in');

		// A new workflow; the node creator's search finds the community node.
		await page.goto(`${url}/workflow/new`);
		await page.waitForSelector(
			'[data-test-id="canvas-plus-button"], [data-test-id="canvas-add-button"]',
			{ timeout: 60_000 },
		);
		await page
			.locator('[data-test-id="canvas-plus-button"], [data-test-id="canvas-add-button"]')
			.first()
			.click();
		await page.keyboard.type('Agilize');
		await page.waitForTimeout(1000);
		await shot(page, '03-node-creator');
		await page.keyboard.press('Enter');
		await page.waitForTimeout(1000);
		await shot(page, '04-actions');
		await page
			.locator('[data-test-id="node-creator-item-name"]', { hasText: 'Update a chat room' })
			.click();
		await page.waitForTimeout(3000);
		await shot(page, '05-panel');
		await page
			.locator('[data-test-id="parameter-input-roomId"] input')
			.first()
			.fill('64f1c2a9e4b0a1b2c3d4e5f6');

		const panel = page.locator('[data-test-id="node-parameters"]');
		// A click on a label closes a tip or dropdown still open (Escape would close the panel).
		const closePopups = () => panel.getByText('Update Fields', { exact: true }).first().click();
		const addField = async (displayName: string, appears: string) => {
			await closePopups();
			await page.getByPlaceholder('Add Field').click();
			const option = page
				.locator('.el-select-dropdown__item:visible, [role="option"]:visible', {
					hasText: new RegExp(`^${displayName}$`),
				})
				.first();
			await option.scrollIntoViewIfNeeded();
			await option.click();
			await page.locator(appears).first().waitFor({ timeout: 10_000 });
		};
		await addField('Department', '[data-test-id="parameter-input-department"]');
		await page.locator('[data-test-id="parameter-input-department"] input').first().fill('sales');
		await addField('Channel Source', '[data-test-id="parameter-input-chSrc"]');
		// An empty UTM entry is dropped again at the next change, so its first key is added at once.
		await addField('UTM', 'button:has-text("Add UTM")');
		await page.locator('button:has-text("Add UTM")').first().click();
		await page.locator('[data-test-id="parameter-input-source"] input').first().fill('google');
		await page
			.locator('[data-test-id="parameter-input-campaign"] input')
			.first()
			.fill('black-friday');
		await page.waitForTimeout(500);
		await shot(page, '06-update-fields');

		// What must render: the added fields, the nested UTM keys, and the values typed.
		for (const label of [
			'Room ID',
			'Update Fields',
			'Channel Source',
			'Department',
			'UTM',
			'Provider',
			'Source',
			'Medium',
			'Campaign',
			'Fields to Clear',
			'Options',
		]) {
			assert.ok(
				await panel.getByText(label, { exact: true }).first().isVisible(),
				`"${label}" is not shown`,
			);
		}
		assert.equal(
			await page.locator('[data-test-id="parameter-input-department"] input').first().inputValue(),
			'sales',
		);
		assert.equal(
			await page.locator('[data-test-id="parameter-input-chSrc"] input').first().inputValue(),
			'WhatsApp',
		);
		await panel.getByText('UTM', { exact: true }).first().scrollIntoViewIfNeeded();
		await shot(page, '07-utm');
		console.log(
			`  ✓ the editor shows the node and its Update Fields on n8n ${VERSIONS[major].version}`,
		);
	} finally {
		await browser.close();
		await n8n.stop();
		await mock.stop();
	}
}

/** Which majors: `npm run test:editor -- 2`; both by default. Screenshots are those of the last. */
async function main() {
	const requested = process.argv.slice(2).filter((arg) => arg in VERSIONS);
	let passed = 0;
	for (const major of requested.length ? requested : Object.keys(VERSIONS)) {
		await editorTest(major);
		passed++;
	}
	console.log(`${passed} passed, 0 failed`);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	console.log('0 passed, 1 failed');
	process.exitCode = 1;
});
