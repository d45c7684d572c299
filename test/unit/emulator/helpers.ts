import { Sha256 } from '@aws-crypto/sha256-js';
import { CloudWatchClient, type CloudWatchClientConfig } from '@aws-sdk/client-cloudwatch';
import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { WorkSpacesClient, type WorkSpacesClientConfig } from '@aws-sdk/client-workspaces';
import { SignatureV4 } from '@smithy/signature-v4';
import { type EmulatedAccount, type Emulator } from '../../emulator';

/** Where and as whom a real SDK client of an emulated account calls (credentials passed explicitly). */
function target(emu: Emulator, account: EmulatedAccount, region: string) {
  return {
    region,
    endpoint: emu.url,
    credentials: {
      accessKeyId: account.accessKeyId,
      secretAccessKey: account.secretAccessKey,
      ...(account.sessionToken ? { sessionToken: account.sessionToken } : {}),
    },
  };
}

/** A real WorkSpaces SDK client for one emulated account. */
export function clientFor(
  emu: Emulator,
  account: EmulatedAccount,
  region = account.regions[0],
  extra: Partial<WorkSpacesClientConfig> = {},
): WorkSpacesClient {
  return new WorkSpacesClient({ ...target(emu, account, region), ...extra });
}

/** A real CloudWatch SDK client for one emulated account (the emulator answers on the same port). */
export function cloudwatchFor(
  emu: Emulator,
  account: EmulatedAccount,
  region = account.regions[0],
  extra: Partial<CloudWatchClientConfig> = {},
): CloudWatchClient {
  return new CloudWatchClient({ ...target(emu, account, region), ...extra });
}

/**
 * Real SDK clients of the emulator's Identity Center: the SSO portal (no credentials: its calls
 * carry a bearer token) and SSO OIDC. One attempt, so that an error is seen as the SDK surfaces it.
 */
export function identityCenterClients(emu: Emulator): { portal: SSOClient; oidc: SSOOIDCClient } {
  const config = { region: emu.identityCenter.region, endpoint: emu.url, maxAttempts: 1 };
  return { portal: new SSOClient(config), oidc: new SSOOIDCClient(config) };
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  json(): Record<string, unknown>;
}

/** A hand-made request (for what the SDK cannot send: malformed bodies, unknown targets, no auth). */
export async function rawRequest(
  emu: Emulator,
  opts: {
    target?: string;
    body?: string;
    account?: EmulatedAccount;
    region?: string;
    sign?: boolean;
    headers?: Record<string, string>;
    /** The SigV4 service name (default 'workspaces'). */
    service?: string;
  },
): Promise<RawAnswer> {
  const body = opts.body ?? '{}';
  const host = `127.0.0.1:${emu.port}`;
  let headers: Record<string, string> = {
    host,
    'content-type': 'application/x-amz-json-1.1',
    ...(opts.target ? { 'x-amz-target': opts.target } : {}),
    ...opts.headers,
  };
  if (opts.sign !== false && opts.account) {
    const a = opts.account;
    const signer = new SignatureV4({
      credentials: {
        accessKeyId: a.accessKeyId,
        secretAccessKey: a.secretAccessKey,
        ...(a.sessionToken ? { sessionToken: a.sessionToken } : {}),
      },
      region: opts.region ?? a.regions[0],
      service: opts.service ?? 'workspaces',
      sha256: Sha256,
    });
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: emu.port,
      path: '/',
      query: {},
      headers,
      body,
    });
    headers = signed.headers;
  }
  const { host: _host, ...sendHeaders } = headers;
  const res = await fetch(`${emu.url}/`, { method: 'POST', headers: sendHeaders, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

/** Polls `probe` until it returns a value satisfying `done` (the emulator's transitions are timed). */
export async function eventually<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 3000): Promise<T> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (done(v) || performance.now() > until) {
      return v;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function rejection(
  p: Promise<unknown>,
): Promise<Error & { name: string; $metadata?: { httpStatusCode?: number; requestId?: string }; $fault?: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { name: string };
  }
  throw new Error('expected the call to fail');
}
