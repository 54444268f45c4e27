import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { AgilizeApi } from '../../credentials/AgilizeApi.credentials';
import { Agilize } from '../../nodes/Agilize/Agilize.node';
import { contractBodyFields, contractNestedKeys, type ContractFile } from '../harness/contract';

const description = new Agilize().description;

/** The top-level properties shown for one operation (and the selectors). */
const propertiesOf = (resource: string, operation: string) =>
	description.properties.filter((p) => {
		const show = p.displayOptions?.show;
		return (
			show?.resource?.includes(resource) === true &&
			(p.name === 'operation' || show.operation?.includes(operation) === true)
		);
	});
const propertyOf = (resource: string, operation: string, name: string) =>
	propertiesOf(resource, operation).find((p) => p.name === name) as INodeProperties;
const property = (name: string) => propertyOf('chatRoom', 'update', name);
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
const ENUMS: Record<string, string> = {
	chSrc: 'options',
	chIdType: 'options',
	finalType: 'options',
};

/** A contract field's UI type: an enum is a dropdown, an object without listed keys free JSON. */
function uiTypeOf(name: string, type: string, file: ContractFile): string {
	if (ENUMS[name]) return ENUMS[name];
	if (type === 'object' || type === 'object[]') {
		try {
			contractNestedKeys(name, file);
		} catch {
			return 'json';
		}
	}
	return UI_TYPE[type] ?? 'fixedCollection';
}

/** The lead's sample marks nothing required, but a lead needs its name: a parameter of its own. */
const leadName = (resource: string, name: string) => resource === 'lead' && name === 'name';

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
		expect(description.properties.find((p) => p.name === 'resource')?.options).toEqual([
			{ name: 'Chat Room', value: 'chatRoom' },
			{ name: 'Funnel Stage', value: 'funnelStage' },
			{ name: 'Lead', value: 'lead' },
			{ name: 'Message Template', value: 'messageTemplate' },
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

	// n8n stores no parameter left at its default: a workflow saved with Chat Room → Update holds
	// neither, and must go on updating rooms whatever resources and operations are added.
	test('the default is Chat Room → Update, and each resource has its own default operation', () => {
		expect(description.properties.find((p) => p.name === 'resource')?.default).toBe('chatRoom');
		expect(
			description.properties
				.filter((p) => p.name === 'operation')
				.map((p) => [p.displayOptions?.show?.resource, p.default]),
		).toEqual([
			[['chatRoom'], 'update'],
			[['funnelStage'], 'update'],
			[['lead'], 'create'],
			[['messageTemplate'], 'create'],
		]);
	});

	test.each([
		[
			'funnelStage',
			'update',
			'Update a funnel stage',
			['stageId', 'specifyBody', 'updateFields', 'fieldsToClear', 'jsonBody', 'allowUnknownFields'],
		],
		['lead', 'create', 'Create a lead', ['name', 'specifyBody', 'additionalFields', 'jsonBody']],
		[
			'messageTemplate',
			'create',
			'Create a message template',
			['business', 'phone', 'specifyBody', 'additionalFields', 'jsonBody', 'allowUnknownFields'],
		],
	])(
		'%s → %s: its action and parameter names are the public contract',
		(resource, operation, action, names) => {
			expect(propertyOf(resource, operation, 'operation').options).toEqual([
				expect.objectContaining({ value: operation, action }),
			]);
			expect(propertiesOf(resource, operation).map((p) => p.name)).toEqual(['operation', ...names]);
			for (const name of ['stageId', 'name', 'business', 'phone']) {
				const required = propertyOf(resource, operation, name);
				if (required) expect(required).toMatchObject({ type: 'string', required: true });
			}
		},
	);

	test.each([
		['funnelStage', 'update', 'funnel-stage-update.md', 'updateFields'],
		['lead', 'create', 'lead-create.md', 'additionalFields'],
		['messageTemplate', 'create', 'message-template-create.md', 'additionalFields'],
	] as const)(
		'%s → %s offers every field of %s, with its UI type',
		(resource, operation, file, collection) => {
			const contract = contractBodyFields(file);
			const top = propertiesOf(resource, operation);
			const options = propertyOf(resource, operation, collection).options as INodeProperties[];
			const offered = (name: string) =>
				options.find((p) => p.name === name) ?? top.find((p) => p.name === name && p.required);
			for (const { name, type, required } of contract) {
				const p = offered(name) as INodeProperties;
				expect([name, p?.type]).toEqual([name, uiTypeOf(name, type, file)]);
				// Required fields are parameters of their own, never in the collection.
				expect(options.some((o) => o.name === name)).toBe(!required && !leadName(resource, name));
			}
			const names = options.map((p) => p.name);
			expect(names.every((name) => contract.some((f) => f.name === name))).toBe(true);
		},
	);

	test('Final Type offers Won and Loss, and can be cleared (sent as null)', () => {
		const stageFields = propertyOf('funnelStage', 'update', 'updateFields')
			.options as INodeProperties[];
		expect(stageFields.find((p) => p.name === 'finalType')?.options).toEqual([
			{ name: 'Loss', value: 'loss' },
			{ name: 'Won', value: 'won' },
		]);
		const clear = propertyOf('funnelStage', 'update', 'fieldsToClear').options as Array<{
			value: string;
		}>;
		expect(clear.map((o) => o.value)).toContain('finalType');
	});

	test('nested lists of the new operations hold exactly the keys their contracts list', () => {
		const list = (resource: string, operation: string, collection: string, name: string) => {
			const options = propertyOf(resource, operation, collection).options as INodeProperties[];
			const p = options.find((o) => o.name === name) as INodeProperties;
			expect(p.typeOptions).toEqual({ multipleValues: true });
			return (p.options as INodePropertyCollection[])[0].values.map((v) => v.name);
		};
		expect(list('funnelStage', 'update', 'updateFields', 'transitionRules')).toEqual(
			contractNestedKeys('transitionRules', 'funnel-stage-update.md'),
		);
		expect(list('lead', 'create', 'additionalFields', 'phones')).toEqual(
			contractNestedKeys('phones', 'lead-create.md'),
		);
		expect(list('lead', 'create', 'additionalFields', 'emails')).toEqual(
			contractNestedKeys('emails', 'lead-create.md'),
		);
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

/** The fields an operation offers, top-level required ones and those of its collection. */
function offeredFields(resource: string, operation: string): string[][] {
	const properties = propertiesOf(resource, operation);
	const collection = properties.find((p) => p.type === 'collection');
	const required = properties.filter((p) => p.required && !p.name.endsWith('Id'));
	return [...required, ...((collection?.options ?? []) as INodeProperties[])].map((p) => [
		p.name,
		p.displayName,
	]);
}

describe.each(['docs/fields.md', 'docs/pt-BR/fields.md'])('the field reference %s', (file) => {
	const reference = readFileSync(join(__dirname, '..', '..', file), 'utf8');
	const sections = new Map(
		reference
			.split(/^## /m)
			.slice(1)
			.map((section) => [section.split('\n')[0].trim(), section]),
	);
	test.each([
		['Chat Room → Update', 'chatRoom', 'update'],
		['Funnel Stage → Update', 'funnelStage', 'update'],
		['Lead → Create', 'lead', 'create'],
		['Message Template → Create', 'messageTemplate', 'create'],
	])('lists every field of %s with its UI name', (heading, resource, operation) => {
		const rows = [...(sections.get(heading) ?? '').matchAll(/^\| ([^|]+?) \| `([A-Za-z_]+)` \|/gm)];
		expect(rows.map((m) => [m[2], m[1]]).sort()).toEqual(offeredFields(resource, operation).sort());
	});
});
