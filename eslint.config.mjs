import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const SERVICES_ONLY = 'Query through a core/services function (it applies the tenant scope).';
const MONGOOSE = { name: 'mongoose', message: SERVICES_ONLY, allowTypeImports: true };
const DB_PATTERNS = [{ group: ['**/core/db', '**/core/db/index'], message: SERVICES_ONLY, allowTypeImports: true }];
const ROOM_PATTERNS = [
  { regex: '^(\\.\\./)+api(/|$)', message: 'web/ never imports api/: share code through core/.' },
  { regex: '^(\\.\\./)+web(/|$)', message: 'api/ never imports web/: share code through core/.' },
];
/** core/ is the domain every room shares: it never reaches back into the adapters or the worker. */
const CORE_PATTERNS = [
  {
    regex: '^(\\.\\./)+(api|web|worker|activities)(/|$)',
    message: 'core/ never imports api/, web/, worker/ or activities/: they are built on core/.',
  },
];
/** `deps.db.Message.find(...)`, `db.Notification...`: a model reached outside core/ (a route, page, activity). */
const MODEL_FROM_ROUTE = {
  selector: "MemberExpression[property.name=/^[A-Z]/]:matches([object.name='db'], [object.property.name='db'])",
  message: SERVICES_ONLY,
};
export default tseslint.config(
  { ignores: ['node_modules', 'build', 'dist', '.data', 'test/artifacts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The rooms (ARCHITECTURE.md): web/ and api/ are adapters over core/ and never import each other;
    // routes and pages query only through core/services, where the tenant filter is applied.
    files: ['web/**/*.{ts,tsx}', 'api/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [MONGOOSE], patterns: [...DB_PATTERNS, ...ROOM_PATTERNS] }],
      'no-restricted-syntax': ['error', MODEL_FROM_ROUTE],
    },
  },
  {
    // api/'s top level wires the process (server, readiness ping of the database): it may hold the db.
    files: ['api/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ROOM_PATTERNS }],
      'no-restricted-syntax': 'off',
    },
  },
  {
    // Activities and the worker are adapters too: their queries live in core/services.
    files: ['activities/**/*.ts', 'worker/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', MODEL_FROM_ROUTE] },
  },
  {
    files: ['core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: CORE_PATTERNS }] },
  },
  {
    // Workflow code is replayed: it must be deterministic and import no I/O.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.test.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'net', 'os', 'child_process'],
              message: 'Node built-ins are not allowed in workflow code.',
            },
            {
              group: [
                'mongoose',
                'mongodb',
                'twilio',
                'openai',
                '../core/*',
                '../core/**',
                '../activities',
                '../activities/*',
              ],
              message: 'Workflows reach I/O only through activities (import type only).',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
