// ESLint: typescript-eslint's recommended rules and React's rules of hooks, on every source, test and
// script file. Types are not loaded (no type-aware rules): `tsc` already checks types in the build,
// and type-aware linting would cost a minute on a 2-core machine for little more.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'schema/**', 'coverage/**'] },
	...tseslint.configs.recommended,
	{
		files: ['**/*.{ts,tsx}'],
		// The rules of hooks and complete dependency lists. The plugin's React Compiler rules stay off:
		// the hooks keep the latest callback in a ref on purpose (a new function each render must not
		// restart a watch), which those rules flag, and the app is not compiled by React Compiler.
		plugins: { 'react-hooks': reactHooks },
		rules: {
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'error',
		},
	},
	{
		rules: {
			// A leading underscore marks a value left out on purpose (`{ fail: _fail, ...judged }`).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
			],
		},
	},
);
