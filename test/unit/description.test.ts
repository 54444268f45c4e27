import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { AgilizeApi } from '../../credentials/AgilizeApi.credentials';
import { Agilize } from '../../nodes/Agilize/Agilize.node';
import { contractBodyFields, contractNestedKeys } from '../harness/contract';

const description = new Agilize().description;
const property = (name: string) =>
	description.properties.find((p) => p.name === name) as INodeProperties;
const updateFields = property('updateFields').options as INodeProperties[];
const field = (name: string) => updateFields.find((p) => p.name === name) as INodeProperties;

/** n8n property type each contract type must be entered with. */
const UI_TYPE: Record<string, string> = {
	string: 'string',
	'string[]': 'string',
	boolean: 'boolean',
	number: 'number',
	'date-time': 'dateTime',
	object: 'fixedCollection',
};
const FREE_FORM_OBJECTS = ['triggers', 'chInfo', 'highlightVars', '_integration'];
const ENUMS: Record<string, string> = { chSrc: 'options', chIdType: 'options' };

const SMALL_WORDS = new Set([
	'a',
	'an',
	'and',
	'at',
	'by',
	'for',
	'from',
	'in',
	'of',
	'on',
	'or',
	'per',
	'the',
	'to',
]);
const isTitleCase = (text: string) =>
	text.split(' ').every((word, i) => (i > 0 && SMALL_WORDS.has(word)) || /^[A-Z0-9(]/.test(word));

function everyProperty(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((p) => [
		p,
		...everyProperty(
			(p.options ?? []).flatMap((o) =>
				'values' in o
					? (o as INodePropertyCollection).values
					: 'type' in o
						? [o as INodeProperties]
						: [],
			),
		),
	]);
}

describe('node description', () => {
	test('names are the public contract: node, resource, operation, parameters', () => {
		expect(description.name).toBe('agilize');
		expect(description.displayName).toBe('Agilize');
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([
			expect.objectContaining({ name: 'agilizeApi', required: true }),
		]);
		expect(property('resource')).toMatchObject({ default: 'chatRoom' });
		expect(property('resource').options).toEqual([
			{ name: 'Chat Room', value: 'chatRoom' },
			{ name: 'Chatbot', value: 'chatbot' },
		]);
		expect(property('operation').options).toEqual([
			expect.objectContaining({ name: 'Update', value: 'update', action: 'Update a chat room' }),
		]);
		expect(property('roomId')).toMatchObject({
			displayName: 'Room ID',
			type: 'string',
			required: true,
		});
		expect(property('updateFields')).toMatchObject({
			displayName: 'Update Fields',
			type: 'collection',
			default: {},
		});
	});

	test('Update Fields holds every body field of the contract exactly once, under its API name', () => {
		const contract = contractBodyFields();
		// The issue says 55; the contract's table, the source of truth, has 53 rows.
		expect(contract).toHaveLength(53);
		expect(updateFields.map((p) => p.name).sort()).toEqual(contract.map((f) => f.name).sort());
	});

	test.each(contractBodyFields())(
		'$name ($type) has the UI type its API type needs',
		({ name, type }) => {
			const expected =
				ENUMS[name] ??
				(FREE_FORM_OBJECTS.includes(name) ? 'json' : (UI_TYPE[type] ?? 'fixedCollection'));
			expect(field(name).type).toBe(expected);
		},
	);

	test('nested objects hold exactly the keys the contract lists, stored as <field>.values.<key>', () => {
		for (const name of ['info', 'utm', 'utmClick']) {
			const [group] = field(name).options as INodePropertyCollection[];
			expect(group.name).toBe('values');
			expect(group.values.map((v) => v.name)).toEqual(contractNestedKeys(name));
			expect(group.values.every((v) => v.type === 'string')).toBe(true);
		}
		expect(contractNestedKeys('utm')).toHaveLength(14);
	});

	test('idle rules are a multiple-value list stored as idleRules.rules[] of { rule, idleNextAt, idleStep }', () => {
		const idleRules = field('idleRules');
		expect(idleRules.typeOptions).toEqual({ multipleValues: true });
		const [group] = idleRules.options as INodePropertyCollection[];
		expect(group.name).toBe('rules');
		expect(group.values.map((v) => [v.name, v.type])).toEqual([
			['rule', 'string'],
			['idleNextAt', 'dateTime'],
			['idleStep', 'number'],
		]);
	});

	test('Channel Source offers the four channels as numbers; Channel ID Type offers wa_user_id', () => {
		expect(field('chSrc').options).toEqual([
			{ name: 'Facebook', value: 2 },
			{ name: 'Instagram', value: 3 },
			{ name: 'SMS', value: 4 },
			{ name: 'WhatsApp', value: 1 },
		]);
		expect(field('chSrc').default).toBe(1);
		expect(field('chIdType').options).toEqual([
			{ name: 'WhatsApp User ID (BSUID)', value: 'wa_user_id' },
		]);
	});

	test('Update Fields are sorted by display name, as the n8n lint rules require of collections', () => {
		const names = updateFields.map((p) => p.displayName);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	// The AST-based lint rules cannot see generated properties, so their checks are repeated here.
	test.each(everyProperty(description.properties).map((p) => [p.name, p] as const))(
		'%s follows n8n conventions (Title Case name, description, default, sorted options)',
		(_name, p) => {
			expect(isTitleCase(p.displayName)).toBe(true);
			if (p.type !== 'options' || p.name === 'chSrc' || p.name === 'chIdType') {
				expect(p.description).toMatch(/^[A-Z]/);
			}
			if (p.description && /\.\s/.test(p.description.slice(0, -1)))
				expect(p.description).toMatch(/\.$/);
			expect(p).toHaveProperty('default');
			if (p.type === 'options') {
				const names = (p.options as Array<{ name: string }>).map((o) => o.name);
				expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			}
		},
	);

	test('each field description names its API field, so users can map it to Agilize docs', () => {
		for (const p of updateFields) expect(p.description).toContain(`API field: ${p.name}.`);
		const [utm] = field('utm').options as INodePropertyCollection[];
		expect(utm.values.find((v) => v.name === 'source')?.description).toContain(
			'API field: utm.source.',
		);
	});
});

describe('credential description', () => {
	const credential = new AgilizeApi();

	test('holds the API key as a password and a Base URL defaulting to the production API', () => {
		expect(credential.name).toBe('agilizeApi');
		expect(credential.displayName).toBe('Agilize API');
		expect(credential.properties.map((p) => [p.name, p.displayName, p.type, p.default])).toEqual([
			['apiKey', 'API Key', 'string', ''],
			['baseUrl', 'Base URL', 'string', 'https://api.agilize.app'],
		]);
		expect(credential.properties[0].typeOptions).toEqual({ password: true });
	});

	test('authenticates with the x-api-key header', () => {
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { 'x-api-key': '={{$credentials.apiKey}}' } },
		});
	});
});

test.each(['docs/fields.md', 'docs/pt-BR/fields.md'])(
	'the field reference %s lists every field with its UI name',
	(file) => {
		const reference = readFileSync(join(__dirname, '..', '..', file), 'utf8');
		const rows = [...reference.matchAll(/^\| ([^|]+?) \| `([A-Za-z_]+)` \|/gm)].map((m) => [
			m[2],
			m[1],
		]);
		expect(rows.sort()).toEqual(updateFields.map((p) => [p.name, p.displayName]).sort());
	},
);
