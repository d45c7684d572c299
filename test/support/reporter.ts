// Mocha reporter: the usual spec output, plus a JSON results file (WSF_RESULTS_FILE) that
// test/run.mjs sums into the final `N passed, N failed` line. Used in plain Node and inside the
// VS Code extension host.
import * as Mocha from 'mocha';
import { writeResults, type StageResults } from './results';

const { EVENT_RUN_END, EVENT_TEST_FAIL, EVENT_TEST_PASS, EVENT_TEST_PENDING } = Mocha.Runner.constants;

class ResultsReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const started = performance.now();
    const results: StageResults = {
      stage: process.env.WSF_STAGE ?? 'tests',
      passed: 0,
      failed: 0,
      pending: 0,
      failures: [],
      durationMs: 0,
    };
    runner.on(EVENT_TEST_PASS, () => {
      results.passed++;
    });
    runner.on(EVENT_TEST_PENDING, () => {
      results.pending++;
    });
    runner.on(EVENT_TEST_FAIL, (test: Mocha.Test, err: Error) => {
      results.failed++;
      results.failures.push({ title: test.fullTitle(), error: String(err?.stack ?? err) });
    });
    runner.once(EVENT_RUN_END, () => {
      results.durationMs = performance.now() - started;
      writeResults(process.env.WSF_RESULTS_FILE, results);
    });
  }
}

export = ResultsReporter;
