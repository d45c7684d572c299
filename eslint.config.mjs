// @ts-check
import tseslint from 'typescript-eslint';

const noVscode = {
  paths: [
    {
      name: 'vscode',
      message:
        'This module is pure: src/aws, src/core, src/fleet, the webview model files and commands/pipeline/messages.ts stay free of the vscode API (unit-testable in plain Node).',
    },
  ],
};

/** Every file that claims to be free of `vscode`: whole folders, and the pure files of the VS Code layer. */
const PURE = [
  'src/aws/**/*.ts',
  'src/core/**/*.ts',
  'src/fleet/**/*.ts',
  'src/webview/host/{html,links,protocol,requests}.ts',
  'src/webview/errorDetails/{loader,model,protocol,target}.ts',
  'src/webview/report/{model,protocol}.ts',
  'src/webview/*/page/**/*.ts',
  'src/commands/pipeline/messages.ts',
  'src/settings.ts',
];

/**
 * Time is an input: the wall clock is read only through src/core/clock.ts (one injectable Clock), so
 * that no test and no code a test relies on depends on today's date. Durations use performance.now().
 */
const NO_WALL_CLOCK = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Read the time from a Clock (src/core/clock.ts); for a duration or deadline use performance.now().',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'new Date() reads the wall clock: use new Date(clock.now()) with a Clock (src/core/clock.ts).',
  },
];

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', 'test-results/**', '*.vsix', '.vscode-test/**'],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.mjs', 'test/*.mjs', 'test/harness/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
    },
  },
  {
    files: PURE,
    rules: {
      'no-restricted-imports': ['error', noVscode],
      '@typescript-eslint/no-restricted-imports': ['error', noVscode],
    },
  },
  {
    // The tree never imports a command (commands import the tree): what both need is in src/settings.ts.
    files: ['src/tree/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/commands', '**/commands/**'], message: 'src/tree does not import src/commands.' }] },
      ],
    },
  },
  {
    // Notifications render [label](command:…) as a clickable link: every message goes through
    // src/commands/pipeline/notify.ts, which makes API strings inert.
    files: ['src/**/*.ts'],
    ignores: ['src/commands/pipeline/notify.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^show(Information|Warning|Error)Message$/]',
          message:
            'Use notify.info/warn/error from src/commands/pipeline/notify.ts (API strings must not become links).',
        },
        ...NO_WALL_CLOCK,
      ],
    },
  },
  {
    // The same for the tests, the emulator, the bench and the harness, and the notify module.
    files: ['test/**/*.ts', 'test/**/*.mjs', 'src/commands/pipeline/notify.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NO_WALL_CLOCK] },
  },
  {
    files: ['src/core/clock.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Plain JS build/test scripts: typed rules need type information they do not have.
    files: ['**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
);
