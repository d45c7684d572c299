import * as assert from 'node:assert/strict';
import type { WorkspaceImage, WorkspacesPool } from '@aws-sdk/client-workspaces';
import { marked } from 'marked';
import { buildErrorView, stateTone, viewToMarkdown } from '../../../../src/webview/errorDetails/model';
import { parsePageMessage, parsePageState, targetKeyOf } from '../../../../src/webview/errorDetails/protocol';
import { isAllowedLink } from '../../../../src/webview/host/links';
import { stubTarget } from '../../../../src/webview/errorDetails/target';

const scope = { profile: 'admin', region: 'eu-west-1' };
const NOW = new Date('2025-03-04T05:06:07.000Z');
const XSS = '<img src=x onerror=alert(1)>';

const failedImage: WorkspaceImage = {
  ImageId: 'wsi-0a1b2c3d4',
  Name: 'win11-golden',
  Description: 'Finance desktop',
  OperatingSystem: { Type: 'WINDOWS' },
  State: 'ERROR',
  RequiredTenancy: 'DEDICATED',
  ErrorCode: 'ImageImportFailed',
  ErrorMessage: XSS,
  Created: new Date('2025-01-15T10:20:30.000Z'),
  OwnerAccountId: '123456789012',
  Updates: { UpdateAvailable: false },
  ErrorDetails: [
    { ErrorCode: 'OfficeInstalled', ErrorMessage: 'Office Professional Plus 2019' },
    { ErrorCode: 'DomainJoined', ErrorMessage: 'corp.example.com' },
    { ErrorCode: 'FutureCode' as never, ErrorMessage: 'new' },
  ],
};

const pool: WorkspacesPool = {
  PoolId: 'wspool-abcdefgh1',
  PoolArn: 'arn:aws:workspaces:eu-west-1:123456789012:workspacespool/wspool-abcdefgh1',
  PoolName: 'call-center',
  Description: 'Shift desktops',
  State: 'STOPPED',
  CreatedAt: new Date('2025-02-01T00:00:00.000Z'),
  BundleId: 'wsb-1234',
  DirectoryId: 'wsd-5678',
  RunningMode: 'AUTO_STOP',
  CapacityStatus: { AvailableUserSessions: 0, DesiredUserSessions: 10, ActualUserSessions: 0, ActiveUserSessions: 0 },
  Errors: [
    { ErrorCode: 'IAM_SERVICE_ROLE_IS_MISSING', ErrorMessage: 'workspaces_DefaultRole not found' },
    { ErrorCode: 'WORKSPACES_POOL_STOPPED', ErrorMessage: 'stopped' },
  ],
};

describe('error view model', () => {
  it('builds an image view: header fields, updates, the error and one card per detail', () => {
    const v = buildErrorView({ kind: 'image', scope, image: failedImage }, NOW);
    assert.equal(v.kind, 'image');
    assert.equal(v.id, 'wsi-0a1b2c3d4');
    assert.equal(v.name, 'win11-golden');
    assert.equal(v.state, 'ERROR');
    assert.equal(v.stateTone, 'error');
    assert.equal(v.loadedAt, '2025-03-04T05:06:07.000Z');
    const fields = Object.fromEntries(v.fields.map((f) => [f.key, f.value]));
    assert.deepEqual(fields, {
      id: 'wsi-0a1b2c3d4',
      os: 'WINDOWS',
      state: 'ERROR',
      tenancy: 'DEDICATED',
      created: '2025-01-15 10:20 UTC',
      owner: '123456789012',
      region: 'eu-west-1',
      description: 'Finance desktop',
    });
    assert.deepEqual(v.updates, { available: false });
    assert.deepEqual(v.error, { code: 'ImageImportFailed', message: XSS });
    assert.deepEqual(
      v.cards.map((c) => [c.code, c.known]),
      [
        ['OfficeInstalled', true],
        ['DomainJoined', true],
        ['FutureCode', false],
      ],
    );
    assert.equal(v.cards[0].message, 'Office Professional Plus 2019');
    assert.equal(v.cards[0].origin, 'BYOL image import');
    assert.equal(
      v.consoleUrl,
      'https://eu-west-1.console.aws.amazon.com/workspaces/v2/home?region=eu-west-1#/images/wsi-0a1b2c3d4',
    );
  });

  it('builds a pool view with one card per pool error', () => {
    const v = buildErrorView({ kind: 'pool', scope, pool }, NOW);
    assert.equal(v.kind, 'pool');
    assert.equal(v.stateTone, 'neutral');
    assert.equal(v.error, undefined);
    assert.equal(v.updates, undefined);
    assert.deepEqual(
      v.cards.map((c) => c.code),
      ['IAM_SERVICE_ROLE_IS_MISSING', 'WORKSPACES_POOL_STOPPED'],
    );
    assert.ok(v.cards.every((c) => c.known && isAllowedLink(c.docUrl)));
    const capacity = v.fields.find((f) => f.key === 'capacity');
    assert.equal(capacity?.value, '0 active, 0 available, 0 actual, 10 desired', 'the words of the tree row');
    assert.equal(v.fields.find((f) => f.key === 'directory')?.value, 'wsd-5678');
    const named = buildErrorView({ kind: 'pool', scope, pool, directoryName: 'corp.example.com' }, NOW);
    assert.equal(named.fields.find((f) => f.key === 'directory')?.value, 'corp.example.com (wsd-5678)');
    assert.match(v.consoleUrl ?? '', /#\/pools\/wspool-abcdefgh1$/);
  });

  it('copes with an image that has almost nothing', () => {
    const v = buildErrorView(stubTarget('image', scope, 'wsi-000000001'), NOW);
    assert.equal(v.name, 'wsi-000000001');
    assert.equal(v.state, 'UNKNOWN');
    assert.equal(v.cards.length, 0);
    assert.equal(v.error, undefined);
    assert.ok(v.fields.every((f) => typeof f.value === 'string'));
    const p = buildErrorView(stubTarget('pool', scope, 'wspool-000000001', 'p'), NOW);
    assert.equal(p.name, 'p');
  });

  it('offers console links only for commercial Regions (the link allow-list) and well-formed ids', () => {
    const image = (region: string, id: string) =>
      buildErrorView({ kind: 'image', scope: { profile: 'p', region }, image: { ImageId: id } }, NOW).consoleUrl;
    assert.equal(
      image('us-east-1', 'wsi-abc123def'),
      'https://us-east-1.console.aws.amazon.com/workspaces/v2/home?region=us-east-1#/images/wsi-abc123def',
    );
    const poolUrl = buildErrorView(
      {
        kind: 'pool',
        scope: { profile: 'p', region: 'ap-southeast-2' },
        pool: { ...pool, PoolId: 'wspool-abc123def' },
      },
      NOW,
    ).consoleUrl;
    assert.ok(isAllowedLink(poolUrl));
    // Malformed regions and ids: core/arn.test.ts; here, what the builder makes but the allow-list refuses.
    for (const [region, id] of [
      ['cn-north-1', 'wsi-abc'],
      ['us-gov-west-1', 'wsi-abc'],
      ['us-east-1', 'wsi-abc/../../x'],
    ]) {
      assert.equal(image(region, id), undefined, `${region} ${id}`);
    }
  });

  it('maps states to tones and writes dates to the minute', () => {
    assert.equal(stateTone('AVAILABLE'), 'ok');
    assert.equal(stateTone('RUNNING'), 'ok');
    assert.equal(stateTone('ERROR'), 'error');
    assert.equal(stateTone('PENDING'), 'pending');
    assert.equal(stateTone('UPDATING'), 'pending');
    assert.equal(stateTone('STOPPED'), 'neutral');
    const created = (Created: unknown) =>
      buildErrorView({ kind: 'image', scope, image: { ImageId: 'wsi-1', Created: Created as Date } }, NOW).fields.find(
        (f) => f.key === 'created',
      )?.value;
    assert.equal(created(new Date('2024-12-31T23:59:59Z')), '2024-12-31 23:59 UTC');
    assert.equal(created('nonsense'), '');
  });

  it('exports a view as inert Markdown', () => {
    const md = viewToMarkdown(buildErrorView({ kind: 'image', scope, image: { ...failedImage, Name: XSS } }, NOW));
    const html = marked.parse(md, { async: false });
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(md, /`OfficeInstalled`/);
    assert.match(md, /`FutureCode`/);
  });
});

describe('message protocol', () => {
  it('accepts the page messages it knows, with their fields', () => {
    assert.deepEqual(parsePageMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parsePageMessage({ type: 'refresh', extra: 1 }), { type: 'refresh' });
    assert.deepEqual(parsePageMessage({ type: 'openLink', url: 'https://docs.aws.amazon.com/' }), {
      type: 'openLink',
      url: 'https://docs.aws.amazon.com/',
    });
    const rendered = {
      type: 'rendered',
      id: 'wsi-1',
      kind: 'image',
      state: 'ERROR',
      cards: 2,
      codes: ['A', 'B'],
      errorMessage: XSS,
      foreignElements: 0,
    };
    assert.deepEqual(parsePageMessage(rendered), rendered);
  });

  it('rejects anything else', () => {
    for (const bad of [
      undefined,
      null,
      'ready',
      {},
      { type: 'eval', code: '1' },
      { type: 'openLink' },
      { type: 'openLink', url: 42 },
      {
        type: 'rendered',
        id: 'x',
        kind: 'image',
        state: 'ERROR',
        cards: '2',
        codes: [],
        errorMessage: '',
        foreignElements: 0,
      },
      {
        type: 'rendered',
        id: 'x',
        kind: 'volume',
        state: 'ERROR',
        cards: 2,
        codes: [],
        errorMessage: '',
        foreignElements: 0,
      },
      {
        type: 'rendered',
        id: 'x',
        kind: 'image',
        state: 'ERROR',
        cards: 2,
        codes: [1],
        errorMessage: '',
        foreignElements: 0,
      },
    ]) {
      assert.equal(parsePageMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('restores only states it wrote', () => {
    const view = buildErrorView({ kind: 'image', scope, image: failedImage }, NOW);
    const state = { version: 1, kind: 'image', scope, id: view.id, name: view.name, view };
    const parsed = parsePageState(JSON.parse(JSON.stringify(state)));
    assert.equal(parsed?.id, 'wsi-0a1b2c3d4');
    assert.deepEqual(parsed?.scope, scope);
    assert.equal(parsed?.view?.cards.length, 3);
    // A view for another id is dropped, the rest kept.
    assert.equal(parsePageState({ ...state, id: 'wsi-other' })?.view, undefined);
    for (const bad of [
      undefined,
      null,
      {},
      { ...state, version: 2 },
      { ...state, kind: 'x' },
      { ...state, id: '' },
      { ...state, scope: { profile: 1 } },
    ]) {
      assert.equal(parsePageState(bad), undefined, JSON.stringify(bad));
    }
  });

  it('keys panels by kind, profile, region and id', () => {
    const a = targetKeyOf('image', scope, 'wsi-1');
    assert.equal(a, targetKeyOf('image', { ...scope }, 'wsi-1'));
    assert.notEqual(a, targetKeyOf('pool', scope, 'wsi-1'));
    assert.notEqual(a, targetKeyOf('image', { ...scope, region: 'us-east-1' }, 'wsi-1'));
    assert.notEqual(a, targetKeyOf('image', { ...scope, profile: 'other' }, 'wsi-1'));
  });
});
