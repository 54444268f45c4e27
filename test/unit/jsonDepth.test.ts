import { isTooDeep } from '../../nodes/Agilize/transport/response';

describe('isTooDeep counts nesting over the text, as JSON nests it', () => {
	const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

	test('1,000 levels are allowed, 1,001 are not', () => {
		expect(isTooDeep(nested(1000))).toBe(false);
		expect(isTooDeep(nested(1001))).toBe(true);
		expect(isTooDeep(`{"a":${nested(999)}}`)).toBe(false);
		expect(isTooDeep(`{"a":${nested(1000)}}`)).toBe(true);
	});

	test('brackets inside strings, escaped quotes included, do not count', () => {
		const text = JSON.stringify({
			name: `quote " then ${'['.repeat(5000)}`,
			tags: ['\\', '{'.repeat(5000)],
		});
		expect(isTooDeep(text)).toBe(false);
		expect(isTooDeep(`{"a":"\\"${'['.repeat(2000)}"}`)).toBe(false);
	});

	test('siblings do not add up', () => {
		expect(isTooDeep(Array.from({ length: 5000 }, () => '[[]]').join(','))).toBe(false);
	});
});
