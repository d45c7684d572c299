// No credential ever reaches a log line: not the secret keys, not the session token, not a signed
// header. Every failure the emulator can produce is provoked for the profile with a session token
// (sandbox-dev) and one with long-term keys (sandbox-prod); each error the layer throws or reports
// is printed as a careless log line would print it (util.inspect, hidden fields, any depth), and
// every line the layers of the resilience tests logged is scanned.
import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { harness, type Harness } from '../aws/helpers';
import { updateReliability } from '../../support/reliability';
import { LOG_LINES, recordingLogger } from './support';

// (Throttling is not among them: a throttled call waits and goes again, it never ends in an error.)
const FAULTS: Array<Record<string, unknown>> = [
  { expiredKeys: ['ASIAEMULATOR22222222', 'AKIAEMULATOR11111111'] },
  { accessDeniedRegions: ['us-east-1'] },
  { errorRate: 1 },
  { htmlRate: 1 },
  { truncatedRate: 1 },
  { hangRate: 1 },
];
const CLEAR = {
  throttleRate: 0,
  errorRate: 0,
  htmlRate: 0,
  truncatedRate: 0,
  hangRate: 0,
  accessDeniedRegions: [],
  expiredKeys: [],
};

/** Secrets and signed-header names that must never appear in a log line. */
export function secretsOf(accounts: ReadonlyArray<{ secretAccessKey: string; sessionToken?: string }>): string[] {
  return accounts.flatMap((a) => [a.secretAccessKey, ...(a.sessionToken ? [a.sessionToken] : [])]);
}
const HEADERS = /authorization|x-amz-security-token|credential=|signature=/i;

describe('secrets never reach a log line', function () {
  this.timeout(60_000);
  let h: Harness;
  const printed: string[] = [];

  before(async () => {
    h = await harness(
      { seed: { kind: 'fleet', workspaces: 30, accounts: 2, regions: ['us-east-1'], movingRate: 0 } },
      { maxAttempts: 2, requestTimeoutMs: 300, logger: recordingLogger },
    );
  });
  after(async () => h.close());

  it('errors of every kind, printed in full, carry no secret or signed header', async () => {
    const secrets = secretsOf(h.emu.accounts);
    assert.equal(secrets.length, 3, 'two secret keys and one session token');
    for (const f of FAULTS) {
      h.emu.setFaults({ ...CLEAR, ...f });
      // Fresh layers; the accounts and the two calls in parallel.
      await Promise.all(
        h.emu.accounts.flatMap((a) => {
          const scope = { profile: a.profile, region: 'us-east-1' };
          const check = (what: string, e: unknown): void => {
            const text = inspect(e, {
              depth: Infinity,
              showHidden: true,
              maxStringLength: Infinity,
              maxArrayLength: Infinity,
            });
            printed.push(text);
            for (const s of secrets) {
              assert.ok(!text.includes(s), `${JSON.stringify(f)} ${a.profile} ${what}: a secret in the printed error`);
            }
            assert.doesNotMatch(
              text,
              HEADERS,
              `${JSON.stringify(f)} ${a.profile} ${what}: a signed header in the printed error`,
            );
          };
          return [
            (async () => {
              try {
                for await (const _ of h.newLayer().api(scope).workspaces()) void _;
              } catch (e) {
                check('listing', e);
              }
            })(),
            // Actions report failures as outcomes (what the summary and the log show).
            (async () => {
              for (const o of await h.newLayer().api(scope).stop(['ws-00000000a'])) check('stop', o);
            })(),
          ];
        }),
      );
    }
    h.emu.setFaults(CLEAR);
  });

  it('no line any layer of the resilience tests logged carries one', () => {
    const secrets = secretsOf(h.emu.accounts);
    const lines = [...LOG_LINES, ...printed];
    const hits = lines.filter((l) => secrets.some((s) => l.includes(s)) || HEADERS.test(l));
    updateReliability((r) => {
      r.secrets.unit = {
        secrets: secrets.length + 2,
        lines: lines.length,
        sources: ['AWS layer logger', 'errors and outcomes printed with util.inspect'],
        hits: hits.length,
      };
    });
    assert.deepEqual(hits.slice(0, 3), []);
    assert.ok(LOG_LINES.length > 0, 'the layers did log');
  });
});
