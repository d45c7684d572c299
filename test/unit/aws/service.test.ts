// The call helper every service of the AWS layer is built on (src/aws/service.ts): its NextToken
// pager on its own, and a service wired in a few lines as a new one would be (a real SDK client
// against the emulator, a real Scheduler): paging, the service's own error wording, the outcome of
// an action whose answer was lost.
import assert from 'node:assert/strict';
import { DescribeWorkspacesCommand, StopWorkspacesCommand, type WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { SchedulerRetryStrategy } from '../../../src/aws/retry';
import { Scheduler } from '../../../src/aws/scheduler';
import { pageByToken, ServiceCalls } from '../../../src/aws/service';
import { startEmulator, type Emulator } from '../../emulator';
import { clientFor } from '../emulator/helpers';
import { collect, rejection, UNPACED } from './helpers';

/** A listing whose answers carry the tokens of `next` (input token → next token), recording what was sent. */
function listing<K extends 'NextToken' | 'nextToken'>(next: Record<string, string | undefined>, key: K) {
  const sent: Array<string | undefined> = [];
  const send = (input: Partial<Record<K, string>>): Promise<Partial<Record<K, string>>> => {
    const token = input[key];
    sent.push(token);
    if (sent.length > 10) throw new Error('asked for ever');
    return Promise.resolve({ [key]: next[token ?? ''] } as Partial<Record<K, string>>);
  };
  return { sent, send };
}

async function drain(pages: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const _ of pages) n++;
  return n;
}

describe('aws service calls: the NextToken pager', () => {
  it('sends the input, then each token the answer carries, until one has none or an empty one', async () => {
    const l = listing({ '': 'a', a: 'b', b: '' }, 'NextToken');
    assert.equal(await drain(pageByToken(l.send, {})), 3);
    assert.deepEqual(l.sent, [undefined, 'a', 'b']);
  });

  it('stops when a token comes again, also one that is not the last (a cycle a → b → a)', async () => {
    const l = listing({ '': 'a', a: 'b', b: 'a' }, 'NextToken');
    assert.equal(await drain(pageByToken(l.send, {})), 3);
    assert.deepEqual(l.sent, [undefined, 'a', 'b']);
    const same = listing({ '': 'a', a: 'a' }, 'NextToken');
    assert.equal(await drain(pageByToken(same.send, {})), 2);
  });

  it('starts at the token the input carries; carries it in the key the service names (the SSO portal’s nextToken)', async () => {
    const l = listing({ a: 'b' }, 'nextToken');
    assert.equal(await drain(pageByToken(l.send, { nextToken: 'a' }, 'nextToken')), 2);
    assert.deepEqual(l.sent, ['a', 'b']);
  });
});

describe('aws service calls: a service in a few lines (real client, emulator, scheduler)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let client: WorkSpacesClient;
  let scheduler: Scheduler;
  let calls: ServiceCalls<WorkSpacesClient>;
  const scope = { profile: 'example', region: 'us-east-1' };

  before(async () => {
    emu = await startEmulator({
      seed: { kind: 'fleet', workspaces: 60, directories: 1, movingRate: 0 },
      quota: false,
      transitionMs: 60_000,
    });
    client = clientFor(emu, emu.accounts[0], 'us-east-1', {
      maxAttempts: 2,
      retryStrategy: new SchedulerRetryStrategy(2),
    });
    scheduler = new Scheduler('example', UNPACED);
    calls = new ServiceCalls({
      scope,
      client: () => Promise.resolve(client),
      scheduler: () => scheduler,
      service: 'Example',
      hints: { accessDenied: 'Grant example:Describe.', badResponse: 'Set an `example` endpoint_url.' },
    });
  });
  after(async () => {
    client.destroy();
    scheduler.dispose();
    await emu.stop();
  });
  beforeEach(() => {
    emu.setFaults({ accessDeniedRegions: [] });
    emu.resetCounts();
  });

  const workspaces = () =>
    collect(
      calls.items(
        'DescribeWorkspaces',
        undefined,
        { Limit: 25 },
        (i) => new DescribeWorkspacesCommand(i),
        (p) => p.Workspaces,
      ),
    );

  it('lists every page, each page one call through the scheduler', async () => {
    const before = scheduler.stats().calls;
    const { items, pages } = await workspaces();
    assert.equal(items.length, 60);
    assert.equal(pages, 3);
    assert.equal(emu.requests().filter((r) => r.op === 'DescribeWorkspaces').length, 3);
    assert.equal(scheduler.stats().calls - before, 3);
  });

  it('words its errors for the service: its name in the message, its own hints', async () => {
    emu.failNext('DescribeWorkspaces', 'html', 2);
    const bad = await rejection(workspaces());
    assert.equal(bad.kind, 'badResponse');
    assert.match(bad.message, /did not answer DescribeWorkspaces like the Example API/);
    assert.equal(bad.hint, 'Set an `example` endpoint_url.');
    assert.equal(bad.profile, 'example');
    emu.setFaults({ accessDeniedRegions: ['us-east-1'] });
    const denied = await rejection(workspaces());
    assert.equal(denied.kind, 'accessDenied');
    assert.equal(denied.hint, 'Grant example:Describe.');
  });

  it('an action whose answer was lost: sent once, its outcome unknown', async () => {
    const id = emu.world(emu.accounts[0].accountId, 'us-east-1').workspaceIds()[0];
    emu.failNext('StopWorkspaces', 'lostResponse');
    const e = await rejection(
      calls.call(
        'StopWorkspaces',
        undefined,
        () => new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: id }] }),
      ),
    );
    const outcome = calls.outcome(id, e, 'StopWorkspaces');
    assert.equal(outcome.ok, false);
    assert.equal((outcome as { unknown?: boolean }).unknown, true);
    assert.equal(emu.actionCount(id, 'StopWorkspaces'), 1);
  });
});
