import * as n8nWorkflow from 'n8n-workflow';
import type { NodeConnectionTypes } from 'n8n-workflow';

// n8n loads a community node against its own n8n-workflow (the package ships none), so an export
// that an older release lacks is undefined at run time whatever the types say. What this node
// needs beyond n8n 1.70's n8n-workflow (1.69) lives here, each with a fallback that does the same.

/**
 * `NodeConnectionTypes.Main`. n8n-workflow exports NodeConnectionTypes from 1.83 on; before it, an
 * enum `NodeConnectionType` whose `Main` is the same string. Only the type is imported.
 */
export const MAIN_CONNECTION: typeof NodeConnectionTypes.Main = 'main';

/** The names n8n-workflow 2.41 refuses as object properties (its `unsafeObjectProperties`). */
const UNSAFE_OBJECT_PROPERTIES = new Set([
	'__proto__',
	'prototype',
	'constructor',
	'getPrototypeOf',
	'setPrototypeOf',
	'getOwnPropertyDescriptor',
	'getOwnPropertyDescriptors',
	'defineProperty',
	'defineProperties',
	'mainModule',
	'binding',
	'_linkedBinding',
	'_load',
	'prepareStackTrace',
	'__lookupGetter__',
	'__lookupSetter__',
	'__defineGetter__',
	'__defineSetter__',
	'caller',
	'callee',
	'arguments',
	'getBuiltinModule',
	'dlopen',
	'execve',
	'loadEnvFile',
]);

const localIsSafeObjectProperty = (property: string): boolean =>
	!UNSAFE_OBJECT_PROPERTIES.has(property);

/**
 * n8n-workflow's `isSafeObjectProperty` (from about 1.93), so that the names the running n8n's
 * expression sandbox refuses are the ones refused here; on older releases, the same check on
 * the names 2.41 refuses.
 */
export const isSafeObjectProperty: (property: string) => boolean =
	(n8nWorkflow as Partial<typeof n8nWorkflow>).isSafeObjectProperty ?? localIsSafeObjectProperty;

/**
 * A sleep that ends early, rejecting, when `signal` aborts: n8n-workflow's `sleepWithAbort` (1.1xx
 * and 2.0), else its `sleep`, which takes the signal itself in 2.x. 1.70–1.94's `sleep` ignores the
 * signal: its timer runs out on its own, and callers must not let it hold anything meanwhile.
 */
export const sleepUnlessAborted: (ms: number, signal: AbortSignal) => Promise<void> =
	(n8nWorkflow as { sleepWithAbort?: (ms: number, signal: AbortSignal) => Promise<void> })
		.sleepWithAbort ?? n8nWorkflow.sleep;
