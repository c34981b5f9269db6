// Lint: typescript-eslint's recommended rules plus the React hooks rules as errors (STYLE.md).
import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist', 'dist-server', 'node_modules', 'data', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `import { type A }` keeps `import {} from '…'` in the output (verbatimModuleSyntax): the
      // bundler must then run the module's top level, and a chunk keeps code nobody uses.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      // Dependencies point one way (STYLE.md): shared/ never imports client/ or server/.
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/client/**', '**/server/**', 'react', 'react-dom'] }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/client/**'] }],
    },
  },
  {
    // A room is connections plus protocol (server/sync/README.md): what sits above sync plugs in as a room extension.
    files: ['server/sync/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/client/**', '../facilitation/*', '../history/*', '../http/*'] }],
    },
  },
  {
    files: ['shared/logic/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/client/**', '**/server/**', 'react', 'yjs'] }],
    },
  },
  {
    // app/ is the shell, the top floor: features never import it (docs/ARCHITECTURE.md); shared UI is in ui/, utilities in lib/.
    files: ['client/src/**/*.{ts,tsx}'],
    ignores: ['client/src/app/**', 'client/src/App.tsx', 'client/src/main.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/app/*', '!**/app/*.css'] }],
    },
  },
  {
    // Shared UI and utilities sit under every feature.
    files: ['client/src/ui/**/*.{ts,tsx}', 'client/src/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/app/*', '**/canvas/*', '**/boards/*', '**/facilitation/*', '**/session/*', '**/phone/*', '**/outline/*'] }],
    },
  },
  {
    // The phone's route loads only what the phone uses (tests/e2e/phoneBudget.test.ts): not the
    // board's store, nor a module that holds every record kind's validators or migrations.
    files: [
      'client/src/phone/**/*.{ts,tsx}',
      'client/src/store/{PhoneStore,WorkshopConnection,RecordSnapshots,Transport,ControlChannel,Presence,hooks}.ts',
      'client/src/access/useWorkshopStore.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/app/*', '!**/app/*.css'] },
            {
              group: ['**/store/WorkshopStore', '**/schema/schema', '**/doc/workshopDoc', '**/doc/readItemMap', '**/doc/applyPlan', '**/logic/templates', '**/logic/boardEdits', '**/logic/itemEdits'],
              allowTypeImports: true,
              message: 'the phone route does not load this (every record kind, or the board’s write path): see client/src/store/PhoneStore.ts',
            },
          ],
        },
      ],
    },
  },
)
