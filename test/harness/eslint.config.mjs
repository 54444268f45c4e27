// ESLint for what is not shipped (tests and their harness, bench, scripts, demo): ordinary TypeScript rules.
// The shipped code gets n8n's own config (eslint.config.mjs at the top, from @n8n/node-cli).
// `npm run lint` runs ESLint with per-directory config lookup, so each of those folders has an
// eslint.config.mjs that re-exports this one.
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{
		files: ['**/*.ts'],
		extends: [tseslint.configs.recommended],
	},
	{
		files: ['**/*.{js,mjs}'],
		extends: [tseslint.configs.recommended],
		rules: { '@typescript-eslint/no-require-imports': 'off' }, // CommonJS helpers (the bench's minimal node)
		languageOptions: {
			globals: {
				require: 'readonly',
				module: 'writable',
				process: 'readonly',
				console: 'readonly',
				__dirname: 'readonly',
			},
		},
	},
);
