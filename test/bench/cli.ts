// The peer: the same listing done by the AWS CLI, as an administrator's script would do it — every
// WorkSpace of the region with `describe-workspaces --page-size 25` (the CLI pages by itself),
// then `describe-workspaces-connection-status` for all ids in batches of 25 (the API's maximum),
// through xargs. Pointed at the same emulator with --endpoint-url and temporary shared files.
import { spawn, spawnSync } from 'node:child_process';
import type { Counts, Emulator } from '../emulator';

export interface CliRun {
  ms: number;
  /** Connection statuses the script got back (must equal the fleet's WorkSpaces). */
  statuses: number;
  counts: Counts;
}

/** The `aws` on PATH and its version, or undefined when there is none. */
export function awsCliVersion(): string | undefined {
  const r = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  return `${r.stdout}${r.stderr}`.trim().split(/\s+/)[0];
}

export const cliScript = (parallel: number): string =>
  [
    'set -o pipefail',
    `aws workspaces describe-workspaces --endpoint-url "$URL" --page-size 25 --query 'Workspaces[].WorkspaceId' --output text |`,
    `  xargs -n 25 ${parallel > 1 ? `-P ${parallel} ` : ''}aws workspaces describe-workspaces-connection-status --endpoint-url "$URL" --query 'length(WorkspacesConnectionStatus)' --output text --workspace-ids`,
  ].join('\n');

/**
 * One run of the script against `emu` for one profile and region. `parallel` = 1: status calls one
 * after the other (a plain script); > 1: `xargs -P parallel` (a generous script).
 */
export async function runCli(
  emu: Emulator,
  files: { config: string; credentials: string },
  profile: string,
  region: string,
  parallel: number,
): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  Object.assign(env, {
    URL: emu.url,
    AWS_CONFIG_FILE: files.config,
    AWS_SHARED_CREDENTIALS_FILE: files.credentials,
    AWS_PROFILE: profile,
    AWS_DEFAULT_REGION: region,
    AWS_PAGER: '',
  });
  emu.resetCounts();
  const t0 = performance.now();
  const child = spawn('bash', ['-c', cliScript(parallel)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const ms = performance.now() - t0;
  if (code !== 0) throw new Error(`the AWS CLI script failed (exit ${code}): ${err.slice(-2000)}`);
  const statuses = out
    .split(/\s+/)
    .filter(Boolean)
    .reduce((n, x) => n + Number(x), 0);
  return { ms, statuses, counts: emu.counts() };
}
