import { isSafeObjectProperty as n8nIsSafeObjectProperty, NodeConnectionTypes } from 'n8n-workflow';

import { isSafeObjectProperty, MAIN_CONNECTION } from '../../nodes/Agilize/shared/compat';

/** The compat module as n8n 1.70 loads it: with the floor's n8n-workflow, which has neither export. */
function compatOnFloor(): typeof import('../../nodes/Agilize/shared/compat') {
	let loaded: typeof import('../../nodes/Agilize/shared/compat') | undefined;
	jest.isolateModules(() => {
		jest.doMock('n8n-workflow', () => jest.requireActual<object>('n8n-workflow-floor'));
		const path = '../../nodes/Agilize/shared/compat';
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded again, against the floor
		loaded = require(path) as typeof import('../../nodes/Agilize/shared/compat');
	});
	jest.dontMock('n8n-workflow');
	if (!loaded) throw new Error('compat did not load');
	return loaded;
}

// Everything reachable from a plain object, a function and `process`, plus ordinary field names.
const candidates = [
	...new Set([
		...Object.getOwnPropertyNames(Object.prototype),
		...Object.getOwnPropertyNames(Object),
		...Object.getOwnPropertyNames(Function.prototype),
		...Object.getOwnPropertyNames(process),
		'prototype',
		'mainModule',
		'_load',
		'dlopen',
		'getBuiltinModule',
		'caller',
		'callee',
		'arguments',
		'roomId',
		'_id',
		'department',
		'name',
		'toString',
	]),
];

test("MAIN_CONNECTION is NodeConnectionTypes.Main's value", () => {
	expect(MAIN_CONNECTION).toBe(NodeConnectionTypes.Main);
});

test("on the floor, the fallback refuses exactly the names n8n-workflow 2.41's isSafeObjectProperty refuses", () => {
	const floor = compatOnFloor();
	expect(floor.isSafeObjectProperty).not.toBe(n8nIsSafeObjectProperty);
	const refused = (check: (name: string) => boolean) =>
		candidates.filter((name) => !check(name)).sort();
	expect(refused(floor.isSafeObjectProperty)).toEqual(refused(n8nIsSafeObjectProperty));
	expect(refused(n8nIsSafeObjectProperty)).toEqual(
		expect.arrayContaining(['__proto__', 'constructor', 'prototype', 'binding', 'mainModule']),
	);
	expect(floor.isSafeObjectProperty('roomId')).toBe(true);
});

test("where n8n-workflow has isSafeObjectProperty, it is the one used: the running n8n's list", () => {
	expect(isSafeObjectProperty).toBe(n8nIsSafeObjectProperty);
});
