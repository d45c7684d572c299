// `npm run test:desktop`: the same integration suite in a desktop VS Code downloaded by
// @vscode/test-electron. Needs internet access to the VS Code update server, which the project's
// CI machines do not have; `npm test` uses code-server instead (test/harness/integration.ts).
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'integration', 'index.js'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { WSF_TEST_MODE: '1', WSF_RESULTS_FILE: join(root, 'test-results', 'desktop.json') },
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
