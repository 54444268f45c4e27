import { DateTime } from 'luxon';

import { chatRoomFields } from '../../nodes/Agilize/fields/chatRoomFields';
import { InvalidFieldValueError } from '../../nodes/Agilize/shared/values';
import { toBody } from '../../nodes/Agilize/fields/toBody';

const SAO_PAULO = 'America/Sao_Paulo';
const body = (values: Record<string, unknown>, timeZone = SAO_PAULO) =>
	toBody(chatRoomFields, values as never, timeZone);
const failure = (values: Record<string, unknown>) => {
	try {
		body(values);
	} catch (error) {
		expect(error).toBeInstanceOf(InvalidFieldValueError);
		return (error as Error).message;
	}
	throw new Error('expected an InvalidFieldValueError');
};

describe('text fields', () => {
	test('are sent as given; numbers from expressions become text', () => {
		expect(body({ department: 'sales', user: 42, owner: ' Ana ' })).toEqual({
			department: 'sales',
			user: '42',
			owner: ' Ana ',
		});
	});

	test('empty ones are left out', () => {
		expect(body({ department: '', user: '   ', owner: null, lead: undefined, guest: 'g' })).toEqual(
			{ guest: 'g' },
		);
	});

	test('a list or an object is an error naming the field', () => {
		expect(failure({ department: ['a'] })).toBe(
			'"Department" (department) must be text, got a list',
		);
		expect(failure({ status: { a: 1 } })).toBe('"Status" (status) must be text, got an object');
	});
});

describe('list fields (users, histUsers, tags, conversationDetailTags)', () => {
	test('a comma-separated string becomes an array of trimmed, non-empty strings', () => {
		expect(body({ tags: ' vip, lead ,,  ,new ' })).toEqual({ tags: ['vip', 'lead', 'new'] });
	});

	test('an array from an expression is trimmed and filtered the same way', () => {
		expect(
			body({ users: [' u1', '', null, 'u2 ', 7], histUsers: ['h'], conversationDetailTags: 'a' }),
		).toEqual({
			users: ['u1', 'u2', '7'],
			histUsers: ['h'],
			conversationDetailTags: ['a'],
		});
	});

	test('a list left empty is not sent', () => {
		expect(body({ tags: ' , ', users: [], guest: 'g' })).toEqual({ guest: 'g' });
	});

	test('objects inside the list are an error', () => {
		expect(failure({ tags: ['a', { b: 1 }] })).toContain(
			'"Tags" (tags) must be a comma-separated list',
		);
	});
});

describe('booleans and numbers', () => {
	test('booleans are sent as booleans, false included; "true"/"false" text is accepted', () => {
		expect(
			body({ chIsArchived: true, isOutbound: false, chIsPending: 'TRUE', lastFromUser: 'false' }),
		).toEqual({
			chIsArchived: true,
			isOutbound: false,
			chIsPending: true,
			lastFromUser: false,
		});
	});

	test('a value that is not a boolean is an error', () => {
		expect(failure({ chIsArchived: 'yes' })).toBe(
			'"Channel Is Archived" (chIsArchived) must be true or false, got "yes"',
		);
	});

	test('numbers are sent as numbers, numeric text included', () => {
		expect(
			body({
				botFlag: 0,
				leadUserPendAttr: '3',
				contactUserPendAttr: ' 2.5 ',
				companyUserPendAttr: -1,
			}),
		).toEqual({
			botFlag: 0,
			leadUserPendAttr: 3,
			contactUserPendAttr: 2.5,
			companyUserPendAttr: -1,
		});
	});

	test('a value that is not a number is an error, never NaN or text', () => {
		expect(failure({ botFlag: 'abc' })).toBe('"Bot Flag" (botFlag) must be a number, got "abc"');
		expect(failure({ botFlag: Number.NaN })).toBe('"Bot Flag" (botFlag) must be a number, got NaN');
		expect(failure({ botFlag: true })).toBe('"Bot Flag" (botFlag) must be a number, got true');
	});
});

describe('options', () => {
	test('Channel Source is sent as a number, from a number or numeric text', () => {
		expect(body({ chSrc: 3 })).toEqual({ chSrc: 3 });
		expect(body({ chSrc: '4' })).toEqual({ chSrc: 4 });
	});

	test('any other Channel Source is an error listing the allowed values', () => {
		expect(failure({ chSrc: 7 })).toBe(
			'"Channel Source" (chSrc) must be one of 1 (WhatsApp), 2 (Facebook), 3 (Instagram), 4 (SMS), got 7',
		);
		expect(failure({ chSrc: 'WhatsApp' })).toContain('got "WhatsApp"');
	});

	test('Channel ID Type accepts only wa_user_id', () => {
		expect(body({ chIdType: 'wa_user_id' })).toEqual({ chIdType: 'wa_user_id' });
		expect(failure({ chIdType: 'phone' })).toBe(
			'"Channel ID Type" (chIdType) must be "wa_user_id", got "phone"',
		);
	});
});

describe('date-times', () => {
	test('a value without an offset is read in the workflow timezone', () => {
		expect(body({ lastEvent: '2026-11-25T09:30:00' })).toEqual({
			lastEvent: '2026-11-25T12:30:00.000Z',
		});
		expect(body({ lastEvent: '2026-11-25T09:30:00' }, 'Asia/Tokyo')).toEqual({
			lastEvent: '2026-11-25T00:30:00.000Z',
		});
		expect(body({ lastEvent: '2026-11-25 09:30' }, 'UTC')).toEqual({
			lastEvent: '2026-11-25T09:30:00.000Z',
		});
		expect(body({ lastEvent: '2026-11-25' }, 'Europe/Berlin')).toEqual({
			lastEvent: '2026-11-24T23:00:00.000Z',
		});
	});

	test('daylight saving time is applied for the date given', () => {
		expect(body({ mergeAt: '2026-07-01T12:00:00' }, 'America/New_York')).toEqual({
			mergeAt: '2026-07-01T16:00:00.000Z',
		});
		expect(body({ mergeAt: '2026-12-01T12:00:00' }, 'America/New_York')).toEqual({
			mergeAt: '2026-12-01T17:00:00.000Z',
		});
		// 02:30 does not exist on 2026-03-08 in New York; like Luxon, the clock moves forward.
		expect(body({ mergeAt: '2026-03-08T02:30:00' }, 'America/New_York')).toEqual({
			mergeAt: '2026-03-08T07:30:00.000Z',
		});
	});

	test('a value with an offset or Z keeps it; milliseconds are kept', () => {
		expect(
			body({
				createdAt: '2026-11-25T09:30:00.123-03:00',
				dtTransfer: '2026-11-25T09:30:00Z',
				mergeAt: '2026-11-25T09:30:00+0530',
			}),
		).toEqual({
			createdAt: '2026-11-25T12:30:00.123Z',
			dtTransfer: '2026-11-25T09:30:00.000Z',
			mergeAt: '2026-11-25T04:00:00.000Z',
		});
	});

	test('Luxon DateTime (what $now and DateTime expressions give), Date and epoch milliseconds are accepted', () => {
		const luxon = DateTime.fromISO('2026-11-25T09:30:00', { zone: 'Asia/Tokyo' });
		expect(
			body({
				lastEvent: luxon,
				dtIsArchived: new Date('2026-01-02T03:04:05.006Z'),
				currFlowDtLimit: 1764000000000,
			}),
		).toEqual({
			lastEvent: '2026-11-25T00:30:00.000Z',
			dtIsArchived: '2026-01-02T03:04:05.006Z',
			currFlowDtLimit: new Date(1764000000000).toISOString(),
		});
		expect(body({ lastEvent: '1764000000000' })).toEqual({
			lastEvent: new Date(1764000000000).toISOString(),
		});
	});

	test('an unparseable value is an error naming the field', () => {
		expect(failure({ lastEvent: 'tomorrow' })).toMatch(
			/^"Last Event" \(lastEvent\) must be a date and time such as .*, got "tomorrow"$/,
		);
		expect(failure({ lastEvent: '2026-02-30T10:00:00' })).toContain('"Last Event" (lastEvent)');
		expect(failure({ lastEvent: '2026-11-25T25:00:00' })).toContain('"Last Event" (lastEvent)');
		expect(failure({ lastEvent: DateTime.invalid('test') })).toContain('"Last Event" (lastEvent)');
		expect(failure({ lastEvent: new Date('nope') })).toContain('"Last Event" (lastEvent)');
		expect(failure({ lastEvent: true })).toContain('"Last Event" (lastEvent)');
	});

	test('an instant past the year 9999 or before year 0 is refused, however it is given', () => {
		const message =
			'"Last Event" (lastEvent) must be a date and time in the years 0000 to 9999, got +010000-01-01T00:00:00.000Z';
		expect(failure({ lastEvent: new Date('+010000-01-01T00:00:00Z') })).toBe(message);
		expect(failure({ lastEvent: Date.parse('+010000-01-01T00:00:00Z') })).toBe(message);
		expect(failure({ lastEvent: DateTime.fromISO('+010000-01-01T00:00:00Z') })).toBe(message);
		expect(failure({ lastEvent: new Date('-000001-12-31T00:00:00Z') })).toContain(
			'got -000001-12-31T00:00:00.000Z',
		);
		// Four digits as written, past 9999 once the workflow's timezone (São Paulo here) is applied.
		expect(failure({ lastEvent: '9999-12-31T22:00:00' })).toContain(
			'got +010000-01-01T01:00:00.000Z',
		);
		expect(
			body({ lastEvent: new Date('9999-12-31T23:59:59.999Z'), mergeAt: '0000-01-01T00:00:00Z' }),
		).toEqual({
			lastEvent: '9999-12-31T23:59:59.999Z',
			mergeAt: '0000-01-01T00:00:00.000Z',
		});
	});
});

describe('nested objects (info, utm, utmClick)', () => {
	test('empty keys are dropped', () => {
		expect(
			body({
				info: { values: { name: 'Maria', phone: '', email: 'maria@example.com' } },
				utmClick: {
					values: { fbclid: '', ctwaClid: 'c1', gclid: '', gbraid: '', wbraid: '', ttclid: '' },
				},
			}),
		).toEqual({
			info: { name: 'Maria', email: 'maria@example.com' },
			utmClick: { ctwaClid: 'c1' },
		});
	});

	test('all 14 UTM keys are sent', () => {
		const keys = [
			'provider',
			'source',
			'medium',
			'clickId',
			'campaignId',
			'campaign',
			'groupId',
			'group',
			'creativeId',
			'creative',
			'content',
			'term',
			'url',
			'ref',
		];
		const values = Object.fromEntries(keys.map((key) => [key, `${key}-value`]));
		expect(body({ utm: { values } })).toEqual({ utm: values });
	});

	test('an object left empty is not sent', () => {
		expect(
			body({ info: { values: { name: '', phone: '', email: '' } }, utm: {}, guest: 'g' }),
		).toEqual({ guest: 'g' });
	});

	test('a bad nested value names the key', () => {
		expect(() => body({ utm: { values: { source: ['a'] } } })).toThrow(
			'"UTM › Source" (utm.source) must be text, got a list',
		);
	});
});

describe('idle rules', () => {
	test('are sent as an array of { rule, idleNextAt, idleStep } with types converted', () => {
		expect(
			body({
				idleRules: {
					rules: [
						{ rule: 'remind', idleNextAt: '2026-11-26T08:00:00', idleStep: 1 },
						{ rule: '', idleNextAt: '', idleStep: '' },
						{ rule: 'close', idleNextAt: '', idleStep: '2' },
					],
				},
			}),
		).toEqual({
			idleRules: [
				{ rule: 'remind', idleNextAt: '2026-11-26T11:00:00.000Z', idleStep: 1 },
				{ rule: 'close', idleStep: 2 },
			],
		});
	});

	test('a bad value names the rule it is in', () => {
		expect(() => body({ idleRules: { rules: [{ rule: 'a' }, { idleStep: 'x' }] } })).toThrow(
			'"Idle Rules › Idle Step" (idleRules[1].idleStep) must be a number, got "x"',
		);
	});

	test('no rules is nothing to send', () => {
		expect(body({ idleRules: {}, guest: 'g' })).toEqual({ guest: 'g' });
	});
});

describe('free-form JSON objects (triggers, chInfo, highlightVars, _integration)', () => {
	test('accept a JSON string or an object from an expression', () => {
		expect(
			body({
				triggers: '{"a": 1}',
				chInfo: { b: [2] },
				highlightVars: ' {"c": null} ',
				_integration: { d: { e: true } },
			}),
		).toEqual({
			triggers: { a: 1 },
			chInfo: { b: [2] },
			highlightVars: { c: null },
			_integration: { d: { e: true } },
		});
	});

	test('an empty object is not sent', () => {
		expect(body({ triggers: '{}', guest: 'g' })).toEqual({ guest: 'g' });
	});

	test('anything but a JSON object is an error naming the field', () => {
		expect(failure({ triggers: '[1, 2]' })).toBe(
			'"Triggers" (triggers) must be a JSON object, got a list',
		);
		expect(failure({ chInfo: '{bad json' })).toBe(
			'"Channel Info" (chInfo) must be a JSON object, but it is not valid JSON',
		);
		expect(failure({ _integration: '"text"' })).toBe(
			'"Integration" (_integration) must be a JSON object, got "text"',
		);
		expect(failure({ highlightVars: 5 })).toBe(
			'"Highlight Variables" (highlightVars) must be a JSON object, got 5',
		);
	});
});

describe('values the generator found wrong before (fuzz suite)', () => {
	test('a Date or a Luxon DateTime is not a JSON object; its JSON is what a JSON field would send', () => {
		expect(failure({ triggers: new Date('2026-01-01T00:00:00Z') })).toBe(
			'"Triggers" (triggers) must be a JSON object, got a Date',
		);
		expect(failure({ chInfo: DateTime.fromISO('2026-01-01T00:00:00Z') })).toBe(
			'"Channel Info" (chInfo) must be a JSON object, got an object',
		);
		expect(
			body({ triggers: { at: new Date('2026-01-01T00:00:00Z'), n: Number.NaN, gone: undefined } }),
		).toEqual({
			triggers: { at: '2026-01-01T00:00:00.000Z', n: null },
		});
	});

	test('keys n8n’s request helper would drop are refused, at any depth', () => {
		for (const key of ['__proto__', 'constructor', 'prototype']) {
			expect(failure({ triggers: JSON.parse(`{"a": {"${key}": {"x": 1}}}`) })).toBe(
				'"Triggers" (triggers) must not contain the keys "__proto__", "constructor" or "prototype": n8n’s request helper drops them, so they would not be sent',
			);
		}
	});

	test('NaN and ±Infinity are not text, nor list entries', () => {
		expect(failure({ department: Number.NaN })).toBe(
			'"Department" (department) must be text, got NaN',
		);
		expect(failure({ user: Number.POSITIVE_INFINITY })).toBe(
			'"User" (user) must be text, got Infinity',
		);
		expect(failure({ tags: ['a', Number.NEGATIVE_INFINITY] })).toBe(
			'"Tags" (tags) must be a comma-separated list or a list of text values, got -Infinity in it',
		);
	});

	test('nested keys are read from a plain object itself, never from a prototype', () => {
		const inherited = Object.create({ name: 'from the prototype' }) as Record<string, unknown>;
		expect(failure({ info: { values: inherited } })).toBe('"Info" (info) must be an object');
		const values = JSON.parse('{"__proto__": {"name": "not an own key"}, "phone": "1"}') as Record<
			string,
			unknown
		>;
		expect(body({ info: { values } })).toEqual({ info: { phone: '1' } });
	});
});

test('a repeated wall-clock time (clocks turned back) is the earlier instant', () => {
	expect(body({ lastEvent: '2026-11-01T01:30:00' }, 'America/New_York')).toEqual({
		lastEvent: '2026-11-01T05:30:00.000Z',
	});
	expect(body({ lastEvent: '2026-10-25T01:30:00' }, 'Europe/London')).toEqual({
		lastEvent: '2026-10-25T00:30:00.000Z',
	});
});

test('date-times agree with Luxon across time zones and skipped (clocks forward) times', () => {
	const zones = [
		'America/New_York',
		'America/Sao_Paulo',
		'Europe/London',
		'Australia/Lord_Howe',
		'Asia/Kolkata',
		'Pacific/Chatham',
	];
	const times = [
		'2026-03-08T02:30:00',
		'2026-03-29T01:30:00',
		'2026-10-04T02:15:00',
		'2026-06-15T12:00:00',
		'2026-01-15T00:00:00',
		'1999-12-31T23:59:59.999',
	];
	for (const zone of zones) {
		for (const time of times) {
			const expected = DateTime.fromISO(time, { zone }).toUTC().toISO();
			expect([zone, time, body({ lastEvent: time }, zone).lastEvent]).toEqual([
				zone,
				time,
				expected,
			]);
		}
	}
});
