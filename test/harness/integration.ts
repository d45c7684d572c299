// Runs the integration suite (out/test/integration/index.js) inside a real VS Code extension
// host: code-server with the smoke-test driver, opened by headless Chromium with a payload naming
// the extension under development and the tests. The exit code comes from `codeAutomationExit`.
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { format } from 'node:util';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions, ROOT, startCodeServer } from './codeServer';
import { writeResults, type StageResults } from '../support/results';

const RESULTS = process.env.WSF_RESULTS_FILE ?? join(ROOT, 'test-results', 'integration.json');
const TIMEOUT_MS = Number(process.env.WSF_INTEGRATION_TIMEOUT_MS ?? 20 * 60_000);

async function main(): Promise<number> {
  if (!existsSync(join(ROOT, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js missing: run `npm run build` first');
  }
  if (!existsSync(join(ROOT, 'out', 'test', 'integration', 'index.js'))) {
    throw new Error('out/ missing: run `npm run compile` first');
  }
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  rmSync(RESULTS, { force: true });
  const started = performance.now();
  const server = await startCodeServer({
    smokeTestDriver: true,
    env: {
      WSF_RESULTS_FILE: RESULTS,
      WSF_STAGE: 'integration',
      WSF_TEST_MODE: '1',
      ...(process.env.WSF_GREP ? { WSF_GREP: process.env.WSF_GREP } : {}),
    },
  });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    let resolveExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      resolveExit(code);
    });
    // The workbench forwards the extension host's console here as (level, [format, ...args]).
    // Keep everything in a file; show the test output and errors, not the workbench's own chatter
    // (bracketed component logs, the gallery lookups this offline machine refuses).
    const hostLog = createWriteStream(join(ROOT, 'test-results', 'integration-host.log'));
    await page.exposeFunction('codeAutomationLog', (level: unknown, args: unknown) => {
      const line = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
      hostLog.write(`${String(level)} ${line}\n`);
      // mocha's spec lines are indented; the workbench's own info lines are not.
      const testLine = /^\s+\S/.test(line) || (level === 'error' && !/ENOTFOUND|^\s*\[/.test(line));
      if (!testLine) return;
      process.stdout.write(`${line}\n`);
    });
    const remote = `vscode-remote://127.0.0.1:${server.port}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `${remote}${ROOT}`],
      ['extensionTestsPath', `${remote}${join(ROOT, 'out', 'test', 'integration', 'index.js')}`],
    ]);
    await page.goto(
      `${server.url}/?folder=${encodeURIComponent(server.folder)}&payload=${encodeURIComponent(payload)}`,
    );
    const timeout = new Promise<number>((r) => setTimeout(() => r(-1), TIMEOUT_MS).unref());
    const code = await Promise.race([exited, timeout]);
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    if (code === -1) {
      process.stdout.write(`integration: no exit from the extension host within ${TIMEOUT_MS / 1000} s\n`);
    }
    let results: StageResults | undefined;
    if (existsSync(RESULTS)) results = JSON.parse(readFileSync(RESULTS, 'utf8')) as StageResults;
    if (!results || (code !== 0 && results.failed === 0)) {
      // The suite did not get to report (activation failure, crash, timeout): count it as a failure.
      results = {
        stage: 'integration',
        passed: results?.passed ?? 0,
        failed: (results?.failed ?? 0) + 1,
        pending: results?.pending ?? 0,
        failures: [
          ...(results?.failures ?? []),
          { title: 'integration harness', error: `extension host exit code ${code}; see ${server.logFile}` },
        ],
        durationMs: performance.now() - started,
      };
      writeResults(RESULTS, results);
      process.stdout.write(readFileSync(server.logFile, 'utf8').slice(-6000));
    }
    process.stdout.write(
      `integration: exit code ${code}, ${results.passed} passed, ${results.failed} failed in ${secs} s\n`,
    );
    return code === 0 && results.failed === 0 ? 0 : 1;
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
