/**
 * SigV4 verification: parses the Authorization header, finds the access key, and recomputes the
 * signature with @smithy/signature-v4 over exactly the headers the client signed.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from './errors';
import type { EmulatedAccount } from './types';

const AUTH_RE =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;
const MAX_SKEW_MS = 15 * 60_000;

export interface Authenticated {
  account: EmulatedAccount;
  accessKeyId: string;
  region: string;
}

export async function authenticate(
  req: { method: string; path: string; headers: IncomingHttpHeaders; body: string },
  findKey: (accessKeyId: string) => EmulatedAccount | undefined,
  now: number,
  /** The signing name the credential scope must name ('workspaces', 'monitoring'). */
  signingName = 'workspaces',
): Promise<Authenticated> {
  const header = req.headers.authorization;
  if (header === undefined || header === '') {
    throw new ApiError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
  }
  const m = AUTH_RE.exec(header);
  if (!m) {
    throw new ApiError(
      'IncompleteSignatureException',
      `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters of the AWS4-HMAC-SHA256 algorithm.`,
      403,
    );
  }
  const [, accessKeyId, scopeDate, region, service, signedHeaderList, signature] = m;
  const account = findKey(accessKeyId);
  if (!account) {
    throw new ApiError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403);
  }
  const token = header1(req.headers['x-amz-security-token']);
  if (account.sessionToken !== undefined && token !== account.sessionToken) {
    throw new ApiError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403);
  }
  if (service !== signingName) {
    throw new ApiError(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${signingName}'.`,
      403,
    );
  }
  const amzDate = header1(req.headers['x-amz-date']);
  const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
  if (!signingDate || !amzDate!.startsWith(scopeDate)) {
    throw new ApiError(
      'IncompleteSignatureException',
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
      403,
    );
  }
  if (Math.abs(now - signingDate.getTime()) > MAX_SKEW_MS) {
    throw new ApiError(
      'InvalidSignatureException',
      `Signature expired: ${amzDate} is now earlier than the allowed request time window.`,
      403,
    );
  }

  const signed = signedHeaderList.split(';');
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = req.headers[name];
    if (value === undefined) {
      throw new ApiError(
        'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided.',
        403,
      );
    }
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // A client may sign a payload hash header instead of the body: it must then match the body.
  const payloadHash = header1(req.headers['x-amz-content-sha256']);
  if (payloadHash !== undefined && payloadHash !== createHash('sha256').update(req.body, 'utf8').digest('hex')) {
    throw new ApiError(
      'InvalidSignatureException',
      'The provided x-amz-content-sha256 header does not match what was computed.',
      403,
    );
  }
  const hostHeader = header1(req.headers.host) ?? '';
  const [hostname, port] = hostHeader.split(':');
  const request: HttpRequest = {
    method: req.method,
    protocol: 'http:',
    hostname,
    ...(port ? { port: Number(port) } : {}),
    path: req.path,
    query: {},
    headers,
    body: req.body,
  };
  // The session token is checked above; it is signed only when the client listed it.
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey: account.secretAccessKey },
    region,
    service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const expected = await signer.sign(request, {
    signingDate,
    signingRegion: region,
    signingService: service,
    signableHeaders: new Set(signed),
  });
  const expectedSig =
    /Signature=([0-9a-f]{64})/.exec(String(expected.headers.authorization ?? expected.headers.Authorization))?.[1] ??
    '';
  const expectedHeaders =
    /SignedHeaders=([^,\s]+)/.exec(String(expected.headers.authorization ?? expected.headers.Authorization))?.[1] ?? '';
  if (expectedHeaders !== signedHeaderList || !safeEqual(expectedSig, signature)) {
    throw new ApiError(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      403,
    );
  }
  return { account, accessKeyId, region };
}

function header1(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) {
    return undefined;
  }
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
