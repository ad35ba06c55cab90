// Flat config. Type-aware rules everywhere TypeScript lives; process boundaries enforced with
// no-restricted-imports so that a wrong import fails `npm run lint`, not code review.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const nodeBuiltins = {
  group: ['node:*'],
  message: 'This code runs outside Node (renderer or shared): no node:* imports.'
}
const electronImport = {
  name: 'electron',
  message: 'Only src/main/index.ts, src/main/adapters and src/preload may import electron.'
}
const domOrReact = {
  group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'],
  message: 'src/shared is imported by main and renderer alike: no React or DOM code here.'
}
const rendererImport = {
  group: ['**/renderer/**', '@renderer/*'],
  message: 'main never imports renderer code; share it through src/shared.'
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'coverage/**',
      'test-results/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      '@typescript-eslint/explicit-function-return-type': ['error', { allowExpressions: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off'
    }
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/explicit-function-return-type': 'off' }
  },
  {
    files: [
      'src/main/**/*.ts',
      'test/**/*.ts',
      'e2e/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.{ts,mjs,js}',
      '*.config.{ts,js}'
    ],
    languageOptions: { globals: globals.node }
  },
  {
    // The core: no electron, no renderer.
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/adapters/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronImport], patterns: [rendererImport] }]
    }
  },
  {
    files: ['src/main/index.ts', 'src/main/adapters/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [rendererImport] }] }
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronImport], patterns: [nodeBuiltins, domOrReact] }
      ],
      // DOM globals are not available to main: shared code may not touch them.
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'AudioContext']
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [electronImport], patterns: [nodeBuiltins] }]
    }
  }
)
