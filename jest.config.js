/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// tsconfig's isolatedModules makes ts-jest transpile only; `npm run typecheck` checks types once.
	transform: { '^.+\\.ts$': 'ts-jest' },
	testTimeout: 30000,
};
