// The benchmark's standalone measurements (export.ts, usage.ts): each runs in its own process on
// the measured Node and writes its figures as JSON, which run.ts turns into a section.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs `out/test/bench/<script>.js ...args --json FILE` on `nodePath`, echoing its output. */
export async function runStandalone<T>(
  script: string,
  args: readonly string[],
  nodePath: string,
  progress: (line: string) => void,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'wsf-bench-'));
  const file = join(dir, 'figures.json');
  try {
    const child = spawn(nodePath, ['--expose-gc', join(__dirname, `${script}.js`), ...args, '--json', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    for (const line of out.trimEnd().split('\n')) progress(`  ${line}`);
    if (code !== 0) throw new Error(`${script}.js failed (exit ${code})`);
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `--name N` of this process's command line (a standalone script's option), or `fallback`. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
