import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

// The shipped sources get the rules of n8n's verification scan (@n8n/scan-community-package's
// buildScanConfig); everything else gets ordinary TypeScript linting.
const shipped = ['package.json', '{nodes,credentials}/**/*.{ts,json}'];

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.n8n-cache/**', 'package-lock.json'] },
	{
		files: ['**/*.ts'],
		extends: [tseslint.configs.recommended],
	},
	{
		files: ['**/*.{js,mjs}'],
		extends: [tseslint.configs.recommended],
		rules: { '@typescript-eslint/no-require-imports': 'off' }, // gulpfile and scripts are CommonJS
		languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
	},
	{ ...n8nCommunityNodesPlugin.configs.recommended, files: shipped },
	{ files: shipped, rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Same overrides as n8n's scan: not valid for community nodes, and the community
			// plugin's credential-password-field rule covers the password check more accurately.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Same overrides as n8n's scan: inputs/outputs use the NodeConnectionTypes enum.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{ files: ['**/*.json'], languageOptions: { parser: tseslint.parser } },
);
