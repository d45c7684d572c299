import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'emulator', 'cli.js');

/** Runs `npm run emulator`'s program until it printed its first lines, then stops it. */
async function firstLines(args: string[]): Promise<{ lines: string[]; url: string }> {
  const child = spawn(process.execPath, [CLI, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString('utf8');
        if (out.includes('# Control')) {
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`the emulator exited (${code}): ${out}`)));
    });
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? '';
    const control = async (verb: string): Promise<unknown> =>
      (await fetch(`${url}/__emulator/${verb}`, { method: 'POST' })).json();
    return { lines: [...out.split('\n').slice(0, 2), JSON.stringify(await control('quota'))], url };
  } finally {
    child.kill();
  }
}

describe('emulator: the command line (npm run emulator)', function () {
  this.timeout(30_000);

  it('runs with the quota and a 15 s visibility delay by default, and says so', async () => {
    const { lines } = await firstLines(['--seed', 'empty']);
    assert.match(lines[0], /^listening on http:\/\/127\.0\.0\.1:\d+ \(WorkSpaces API and CloudWatch GetMetricData\)$/);
    assert.match(lines[1], /API quota 2 calls\/s, burst 5/);
    assert.match(lines[1], /new WorkSpaces invisible to Describe for 15 s/);
    assert.equal(lines[2], JSON.stringify({ rate: 2, burst: 5 }));
  });

  it('--rate 0 and --visibility-delay 0 turn both off', async () => {
    const { lines } = await firstLines(['--seed', 'empty', '--rate', '0', '--visibility-delay', '0']);
    assert.equal(lines[1], 'API quota off; new WorkSpaces visible at once.');
  });
});
