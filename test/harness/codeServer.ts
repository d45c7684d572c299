// Starts a real VS Code (code-server, provisioned by provision.mjs) for the integration tests,
// the E2E and the sandbox. Facts behind the flags: ../shared/notes/real-vscode.md (copied into
// the README's "Testing" section so the project never needs ../shared).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..', '..');

export interface Provisioned {
  node: string;
  codeServer: string;
  chromium: string;
}

let provisioned: Provisioned | undefined;

/** Runs test/harness/provision.mjs (idempotent, cached) and returns the paths it provides. */
export function provision(): Provisioned {
  if (provisioned) return provisioned;
  const res = spawnSync(process.execPath, [join(ROOT, 'test', 'harness', 'provision.mjs'), '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error('provisioning the real VS Code failed (see above)');
  provisioned = JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}') as Provisioned;
  return provisioned;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

export interface CodeServerOptions {
  /** Folder opened in the workbench. */
  folder?: string;
  /** `--vscode-option enable-smoke-test-driver`: lets the page payload run an extension test suite. */
  smokeTestDriver?: boolean;
  /** A .vsix installed into the private extensions dir before start. */
  vsix?: string;
  /** Extra environment for the server (the extension host inherits it). */
  env?: Record<string, string>;
  /** User settings written to settings.json. */
  settings?: Record<string, unknown>;
  /** Port; default a free one. */
  port?: number;
  /** Where to keep the server's dirs; default a fresh temp dir. */
  dir?: string;
}

export interface CodeServer {
  url: string;
  port: number;
  dir: string;
  folder: string;
  logFile: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  const paths = provision();
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'wsf-code-server-'));
  const sub = (name: string): string => {
    const p = join(dir, name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const userData = sub('ud');
  const extDir = sub('ext');
  const folder = opts.folder ?? sub('workspace');
  const settingsDir = join(userData, 'User');
  mkdirSync(settingsDir, { recursive: true });
  writeFileSync(
    join(settingsDir, 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'security.workspace.trust.enabled': false,
        'chat.disableAIFeatures': true,
        'workbench.colorTheme': 'Default Dark Modern',
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        ...opts.settings,
      },
      null,
      2,
    ),
  );
  writeFileSync(join(dir, 'config.yaml'), 'auth: none\ncert: false\n');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: sub('tmp'),
    XDG_CONFIG_HOME: sub('xdg-config'),
    XDG_DATA_HOME: sub('xdg-data'),
    XDG_CACHE_HOME: sub('xdg-cache'),
    ...opts.env,
  };
  // Variables of the test runner itself must not leak into the extension host.
  delete env.NODE_OPTIONS;
  delete env.ELECTRON_RUN_AS_NODE;

  if (opts.vsix) {
    const res = spawnSync(
      paths.node,
      [
        paths.codeServer,
        '--extensions-dir',
        extDir,
        '--user-data-dir',
        userData,
        '--install-extension',
        opts.vsix,
        '--force',
      ],
      { env, encoding: 'utf8' },
    );
    if (res.status !== 0) {
      throw new Error(`code-server --install-extension failed:\n${res.stdout}\n${res.stderr}`);
    }
  }

  const port = opts.port ?? (await freePort());
  const logFile = join(dir, 'code-server.log');
  const log = createWriteStream(logFile);
  const args = [
    paths.codeServer,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--config',
    join(dir, 'config.yaml'),
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
  if (opts.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  args.push(folder);
  // Own process group (detached = setsid) so stop() can end code-server and its helpers at once.
  const child = spawn(paths.node, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, 60_000, child, logFile);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    const exited = new Promise<void>((r) => {
      if (child.exitCode !== null || child.signalCode !== null) r();
      else child.once('exit', () => r());
    });
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
    log.end();
  };
  return { url, port, dir, folder, logFile, process: child, stop };
}

async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with ${child.exitCode}:\n${safeRead(logFile)}`);
    }
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs} ms:\n${safeRead(logFile)}`);
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-4000);
  } catch {
    return '';
  }
}

/** Chromium launch options that work on these machines (no network, no sandbox as root). */
export function chromiumLaunchOptions(): { executablePath: string; headless: boolean; args: string[] } {
  return {
    executablePath: provision().chromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  };
}
