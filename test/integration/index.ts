// Loaded by the real VS Code as `extensionTestsPath`: runs every test/integration/*.test.ts
// (compiled to out/) with mocha inside the extension host, against the real `vscode` API.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Mocha from 'mocha';
import ResultsReporter from '../support/reporter';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    reporter: ResultsReporter,
    grep: process.env.WSF_GREP,
  });
  const dir = resolve(__dirname);
  for (const f of readdirSync(dir).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(join(dir, f));
  }
  return new Promise((resolveRun, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolveRun();
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
