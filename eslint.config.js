import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import specifiers that reach into a layer's folder, as relative paths spell them. */
const layerImports = (...layers) => layers.map((layer) => `**/${layer}/**`);
/** main and the CLI are the applications on top: nothing in src imports them. */
const applicationImports = ['**/main.js', '**/cli.js', '**/cli/**'];

/**
 * Imports point one way: domain <- commands <- projections <- workers, http <- main, cli;
 * platform is below them all. A layer may not import the layers named here.
 */
function layerRule(folder, why, ...forbidden) {
  return {
    files: [`${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: [...layerImports(...forbidden), ...applicationImports], message: `Layer rule: ${why}.` }],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'coverage', 'scratch'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // Prettier lays code out at 120 columns but leaves comments and literals whole: comments are held to it here too;
      // a string, template or pattern is left whole rather than cut mid-sentence.
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
  {
    // The domain is pure: it decides from what it is given and imports nothing outside itself.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...layerImports('platform', 'commands', 'projections', 'workers', 'http'), ...applicationImports],
              message: 'src/domain imports nothing outside src/domain.',
            },
            { regex: '^(?!\\.|zod$)', message: 'src/domain uses no packages but zod: no I/O, no clock, no random.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'Date', message: 'Take the time from the command.' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Take random values from the command.' },
        { object: 'crypto', property: 'randomUUID', message: 'Take ids from the command.' },
      ],
    },
  },
  layerRule('src/platform', 'platform is below every layer', 'domain', 'commands', 'projections', 'workers', 'http'),
  layerRule('src/commands', 'commands sit on the domain, below projections', 'projections', 'workers', 'http'),
  layerRule('src/projections', 'projections sit below workers and http', 'workers', 'http'),
  layerRule('src/workers', 'workers and http are siblings: what both need belongs to a lower layer', 'http'),
  layerRule('src/http', 'workers and http are siblings: what both need belongs to a lower layer', 'workers'),
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // Test files share their worker's modules (vitest isolate: false): a test file imported by another would
      // register its tests there too. Shared setup lives in test/support.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/*.test.js', '**/*.test.ts'], message: 'Import from test/support, not a test file.' },
          ],
        },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
