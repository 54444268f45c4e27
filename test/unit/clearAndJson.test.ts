import { chatRoomFields } from '../../nodes/Agilize/fields/chatRoomFields';
import { applyClearing, parseJsonBody } from '../../nodes/Agilize/fields/toBody';
import { toClearOptions } from '../../nodes/Agilize/fields/toProperties';
import { isClearable } from '../../nodes/Agilize/fields/types';

describe('Fields to Clear', () => {
	test('offers every field but the booleans, sorted by display name', () => {
		const options = toClearOptions(chatRoomFields);
		expect(options.map((o) => o.value).sort()).toEqual(
			chatRoomFields
				.filter((f) => f.kind !== 'boolean')
				.map((f) => f.name)
				.sort(),
		);
		expect(options.map((o) => o.name)).toEqual(
			[...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)),
		);
		expect(chatRoomFields.filter(isClearable)).toHaveLength(45); // 53 fields, 8 of them booleans
	});

	test('each selected field is sent as null, next to the fields that are set', () => {
		expect(
			applyClearing(chatRoomFields, { tags: ['vip'] }, ['user', 'department'], { tags: 'vip' }),
		).toEqual({
			tags: ['vip'],
			user: null,
			department: null,
		});
		expect(applyClearing(chatRoomFields, {}, 'user, utm', {})).toEqual({ user: null, utm: null });
		expect(applyClearing(chatRoomFields, { a: 1 }, [], {})).toEqual({ a: 1 });
	});

	test('a field both cleared and set is an error naming it', () => {
		expect(() =>
			applyClearing(chatRoomFields, { department: 'x' }, ['department'], { department: 'x' }),
		).toThrow(
			'"Department" (department) is both in Fields to Clear and in Update Fields: remove it from one of them',
		);
	});

	test('a name that is not a clearable field is an error', () => {
		expect(() => applyClearing(chatRoomFields, {}, ['nope'], {})).toThrow(
			'"Fields to Clear" (fieldsToClear) cannot clear "nope"',
		);
		expect(() => applyClearing(chatRoomFields, {}, ['chIsArchived'], {})).toThrow(
			'cannot clear "chIsArchived"',
		);
		expect(() => applyClearing(chatRoomFields, {}, [1], {})).toThrow(
			'must be a list of API field names',
		);
	});
});

describe('JSON Body', () => {
	test('is sent as given, date-times included', () => {
		expect(
			parseJsonBody(
				chatRoomFields,
				'{"department": "sales", "lastEvent": "2026-11-25T09:30:00", "user": null}',
				false,
			),
		).toEqual({
			department: 'sales',
			lastEvent: '2026-11-25T09:30:00',
			user: null,
		});
		expect(parseJsonBody(chatRoomFields, { tags: ['a'] }, false)).toEqual({ tags: ['a'] });
	});

	test('must be a JSON object', () => {
		expect(() => parseJsonBody(chatRoomFields, '[1]', false)).toThrow(
			'"JSON Body" (jsonBody) must be a JSON object such as {"department": "sales"}, got a list',
		);
		expect(() => parseJsonBody(chatRoomFields, '"x"', false)).toThrow('got "x"');
		expect(() => parseJsonBody(chatRoomFields, '{oops', false)).toThrow(
			'"JSON Body" (jsonBody) is not valid JSON',
		);
	});

	test('keys that are not API fields are an error, unless allowed', () => {
		expect(() => parseJsonBody(chatRoomFields, '{"departmnt": "x", "tags": []}', false)).toThrow(
			'has keys that are not fields of the Agilize API: departmnt (turn on "Allow Unknown Fields" to send them anyway)',
		);
		expect(parseJsonBody(chatRoomFields, '{"newField": 1}', true)).toEqual({ newField: 1 });
	});
});
