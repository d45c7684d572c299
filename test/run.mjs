#!/usr/bin/env node
// The one test command. `npm test` runs every stage in order and stops at the first failing one:
//   static       typecheck (extension + webview page), lint, format, unit tests mirror src, no
//                import cycle in src, package.json from the action table, copy/paste, production build
//   unit         mocha in plain Node (everything that does not need `vscode`)
//   integration  mocha inside a real VS Code extension host (code-server)
//   e2e          a person-like run of the real workbench in headless Chromium
//   bench        a seconds-long smoke of the benchmark, so it cannot rot
// `node test/run.mjs unit integration` runs just those (after compiling what they need).
// It ends with one line `Total: N passed, N failed` over all stages that ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// Time is an input: every stage (the tests, the emulator, the extension in code-server) reads one
// pinned clock (src/core/clock.ts) unless the caller pins another, so no result depends on today's
// date. `node test/run.mjs dates` runs the date-sensitive suites at the dates that break naive code.
const DEFAULT_TEST_INSTANT = '2026-11-18T10:30:00Z'; // = test/support/clock.ts
// Anchored at the wall-clock time of this run's start (`instant@ms`): every process of the run (the
// extension hosts, the emulator, the bench's clients) reads the same time.
const anchor = (at) => `${at}@${Math.round(performance.timeOrigin + performance.now())}`;
process.env.WORKSPACES_FLEET_CLOCK ||= anchor(DEFAULT_TEST_INSTANT);
const RESULTS_DIR = join(ROOT, 'test-results');
const ALL = ['static', 'unit', 'dates', 'integration', 'e2e', 'bench'];

/**
 * The dates that break code which reads the wall clock or assumes an even month: the `dates` stage
 * runs the date-sensitive suites pinned at each (WORKSPACES_FLEET_CLOCK, and TZ where the local
 * time matters). `--full` runs the whole unit stage and the integration suites that show dates
 * (cost and usage, the explorer tree with its idle view, the cache) at each instead.
 */
const DATES = [
  { at: '2027-01-01T00:20:00Z', tz: 'UTC', why: '1 January 00:20: a new month and year, 20 minutes old' },
  { at: '2026-12-31T23:20:00Z', tz: 'Europe/Berlin', why: '1 January 00:20 local while UTC is still in December' },
  { at: '2028-02-29T23:40:00Z', tz: 'UTC', why: '29 February 23:40 of a leap year' },
  { at: '2026-12-07T09:00:00Z', tz: 'UTC', why: 'the 7th: a month a fifth gone' },
  { at: '2026-10-31T12:00:00Z', tz: 'UTC', why: 'the last day of a 31-day month' },
  { at: '2026-03-29T00:59:58Z', tz: 'Europe/Berlin', why: 'a DST change (CET → CEST at 01:00 UTC) during the run' },
];
/** The unit suites whose results depend on the date (months, ages, advice, cache, exports). */
const DATE_SUITES = [
  'core/usage',
  'core/present',
  'core/text',
  'core/modify',
  'core/inventory',
  'fleet/usage',
  'fleet/cache',
  'fleet/view',
  'scenarios/survival',
  'webview/report/model',
  'webview/errorDetails/model',
  'commands/pipeline/messages',
  'emulator/cloudwatch',
].map((s) => `out/test/unit/${s}.test.js`);
const DATE_INTEGRATION = 'cost and usage|explorer tree|survival: a WorkSpace|what a person notices';
const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const full = process.argv.includes('--full');
const stages = requested.length ? requested : ALL;
for (const s of stages) {
  if (!ALL.includes(s)) {
    console.error(`unknown stage ${s}; stages: ${ALL.join(', ')}`);
    process.exit(2);
  }
}
/** What Prettier formats (and the static stage checks); `npm run format` writes it. */
const FORMATTED = ['src/**/*.{ts,css}', 'test/**/*.{ts,mjs}', '*.mjs'];
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0 };
const timings = [];

function sh(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts, env: { ...process.env, ...opts.env } });
  return res.status === 0;
}

function banner(text) {
  console.log(`\n━━━ ${text} ${'━'.repeat(Math.max(0, 70 - text.length))}`);
}

function finish(code) {
  console.log('\nStage timings: ' + timings.map(([s, t]) => `${s} ${t.toFixed(1)} s`).join(', '));
  console.log(`Total: ${totals.passed} passed, ${totals.failed} failed`);
  process.exit(code);
}

/** Each check counts as one test. */
function check(name, cmd, args) {
  const ok = sh(cmd, args);
  console.log(`${ok ? '✔' : '✘'} ${name}`);
  if (ok) totals.passed++;
  else totals.failed++;
  return ok;
}

/** Runs a stage that writes a results file (test/support/reporter.ts) and adds it to the totals. */
function resultsStage(stage, cmd, args, env = {}) {
  const file = join(RESULTS_DIR, `${stage}.json`);
  rmSync(file, { force: true });
  const ok = sh(cmd, args, { env: { WSF_RESULTS_FILE: file, WSF_STAGE: stage, ...env } });
  let r = { passed: 0, failed: 0 };
  if (existsSync(file)) r = JSON.parse(readFileSync(file, 'utf8'));
  // A runner that died before reporting still counts as a failure.
  const failed = r.failed || (ok ? 0 : 1);
  totals.passed += r.passed;
  totals.failed += failed;
  console.log(`${stage}: ${r.passed} passed, ${failed} failed`);
  return ok && failed === 0;
}

// out/ is emptied before each compile: a test whose source was removed or renamed would otherwise
// keep running from its stale .js (mocha globs out/test/unit).
const cleanOut = () => rmSync(join(ROOT, 'out'), { recursive: true, force: true });
const compiled = () => {
  cleanOut();
  return sh(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']);
};
const built = () => sh(process.execPath, [join(ROOT, 'esbuild.mjs'), '--production']);

const runners = {
  static() {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    cleanOut();
    let ok = check('typecheck (extension, AWS layer, tests)', process.execPath, [tsc, '-p', '.']);
    ok = check('typecheck (webview page)', process.execPath, [tsc, '-p', 'src/webview/host/page']) && ok;
    ok = check('lint (eslint --max-warnings 0)', bin('eslint'), ['.', '--max-warnings', '0']) && ok;
    ok = check('format (prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', ...FORMATTED]) && ok;
    // test/unit/<dir>/<module>[.<aspect>].test.ts tests src/<dir>/<module>.ts (aws, core, fleet).
    ok =
      check('unit tests mirror src (test/harness/testLayout.mjs)', process.execPath, [
        join(ROOT, 'test', 'harness', 'testLayout.mjs'),
      ]) && ok;
    // .dependency-cruiser.json: no import cycle in src/, type-only imports included.
    ok =
      check('no import cycle in src (dependency-cruiser, type-only imports too)', bin('depcruise'), [
        '--config',
        join(ROOT, '.dependency-cruiser.json'),
        '--output-type',
        'err',
        'src',
      ]) && ok;
    // package.json's entries of the WorkSpace action commands are generated from src/core/actionTable.ts.
    ok =
      check('package.json matches the action table (npm run manifest writes it)', process.execPath, [
        join(ROOT, 'out', 'test', 'harness', 'manifest.js'),
        '--check',
      ]) && ok;
    // .jscpd.json: src and test, clones of ≥ 50 tokens over ≥ 5 lines; fails above its threshold.
    ok = check('copy/paste (jscpd, .jscpd.json threshold)', bin('jscpd'), ['--silent']) && ok;
    ok = check('production build (esbuild)', process.execPath, [join(ROOT, 'esbuild.mjs'), '--production']) && ok;
    return ok;
  },
  unit() {
    if (!stages.includes('static') && !compiled()) return false;
    return resultsStage('unit', bin('mocha'), [
      '--reporter',
      join(ROOT, 'out', 'test', 'support', 'reporter.js'),
      '--timeout',
      '20000',
      '--recursive',
      'out/test/unit',
      '--extension',
      'test.js',
    ]);
  },
  dates() {
    if (!stages.includes('static') && !stages.includes('unit') && !(compiled() && (!full || built()))) return false;
    let ok = true;
    for (const d of DATES) {
      console.log(`\n${d.at} (TZ ${d.tz}): ${d.why}`);
      const env = { WORKSPACES_FLEET_CLOCK: anchor(d.at), TZ: d.tz };
      const tag = `dates-${d.at.slice(0, 10)}`;
      const unitArgs = full ? ['--recursive', 'out/test/unit', '--extension', 'test.js'] : DATE_SUITES;
      ok =
        resultsStage(
          `${tag}-unit`,
          bin('mocha'),
          ['--reporter', join(ROOT, 'out', 'test', 'support', 'reporter.js'), '--timeout', '20000', ...unitArgs],
          env,
        ) && ok;
      if (full) {
        ok =
          resultsStage(
            `${tag}-integration`,
            process.execPath,
            [join(ROOT, 'out', 'test', 'harness', 'integration.js')],
            {
              ...env,
              WSF_GREP: DATE_INTEGRATION,
            },
          ) && ok;
      }
    }
    return ok;
  },
  integration() {
    if (!stages.includes('static') && !(compiled() && built())) return false;
    return resultsStage('integration', process.execPath, [join(ROOT, 'out', 'test', 'harness', 'integration.js')]);
  },
  e2e() {
    if (!stages.includes('static') && !(compiled() && built())) return false;
    if (
      !sh(
        bin('vsce'),
        [
          'package',
          '--no-dependencies',
          '--allow-missing-repository',
          // The README's screenshots are relative links into media/ (packaged): kept as they are.
          '--no-rewrite-relative-links',
          '--out',
          join(RESULTS_DIR, 'workspaces-fleet.vsix'),
        ],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      )
    ) {
      totals.failed++;
      console.log('✘ package (.vsix) for the E2E');
      return false;
    }
    return resultsStage(
      'e2e',
      bin('mocha'),
      [
        '--reporter',
        join(ROOT, 'out', 'test', 'support', 'reporter.js'),
        '--timeout',
        '180000',
        '--recursive',
        'out/test/e2e',
        '--extension',
        'test.js',
      ],
      { WSF_VSIX: join(RESULTS_DIR, 'workspaces-fleet.vsix') },
    );
  },
  bench() {
    const smoke = join(ROOT, 'out', 'test', 'bench', 'smoke.js');
    if (!existsSync(smoke)) {
      console.log('bench: no benchmark yet (skipped)');
      return true;
    }
    return resultsStage('bench', process.execPath, [smoke]);
  },
};

mkdirSync(RESULTS_DIR, { recursive: true });
for (const stage of stages) {
  banner(stage);
  const started = performance.now();
  const ok = runners[stage]();
  timings.push([stage, (performance.now() - started) / 1000]);
  if (!ok) {
    console.log(`\nStage "${stage}" failed; later stages not run.`);
    finish(1);
  }
}
finish(0);
