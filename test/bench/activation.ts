// Activation in the real extension host: runs the integration harness (code-server) with only the
// activation test, which writes what it measured inside the host (activate()'s own duration,
// whether the AWS SDK bundle was loaded) to WSF_METRICS_FILE. And the bundle sizes of dist/.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');

export interface ActivationMetrics {
  vscodeVersion: string;
  node: string;
  activationMs: number;
  awsLoadedAtActivation: boolean;
  extensionBundleBytes: number;
  awsBundleBytes: number;
}

export interface Bundles {
  /** dist/extension.js: what activation loads. */
  extension: number;
  /** dist/aws.js: the AWS layer and SDK, loaded when the view first needs data. */
  aws: number;
  /** dist/webview/*: the error-details page. */
  webview: number;
  total: number;
}

export function bundleSizes(): Bundles | undefined {
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'extension.js')) || !existsSync(join(dist, 'aws.js'))) return undefined;
  const size = (p: string): number => statSync(join(dist, p)).size;
  const webviewDir = join(dist, 'webview');
  const webview = existsSync(webviewDir)
    ? readdirSync(webviewDir).reduce((n, f) => n + size(join('webview', f)), 0)
    : 0;
  const extension = size('extension.js');
  const aws = size('aws.js');
  return { extension, aws, webview, total: extension + aws + webview };
}

/** One run of the harness; the metrics the activation test wrote. */
export async function measureActivation(): Promise<ActivationMetrics> {
  const dir = mkdtempSync(join(tmpdir(), 'wsf-bench-act-'));
  const file = join(dir, 'metrics.json');
  try {
    const child = spawn(process.execPath, [join(ROOT, 'out', 'test', 'harness', 'integration.js')], {
      cwd: ROOT,
      env: { ...process.env, WSF_METRICS_FILE: file, WSF_GREP: 'activation' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (log += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (log += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0 || !existsSync(file)) {
      throw new Error(`integration harness (activation) failed, exit ${code}:\n${log.slice(-3000)}`);
    }
    return JSON.parse(readFileSync(file, 'utf8')) as ActivationMetrics;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
