/**
 * The HTTP side of the Identity Center (identityCenter.ts): the routes of the SSO portal and SSO
 * OIDC APIs (both rest-json, botocore's sso and sso-oidc 2019-06-10 models), their error answers,
 * and the device flow's approval page.
 *
 * The portal's calls carry no SigV4 signature (the model's auth is smithy.api#noAuth): the bearer
 * token is the `x-amz-sso_bearer_token` header, the other inputs are query parameters (account_id,
 * role_name, max_result, next_token). OIDC's calls are JSON bodies with camelCase members.
 *
 * Errors, as the real services send them (debug logs of the AWS CLI and SDKs): the shape name in
 * `x-amzn-ErrorType` (with its Coral namespace after a colon), which the SDK's rest-json
 * deserializer reads first, and a body of `{"message", "__type"}` for the portal, of
 * `{"error", "error_description"}` (OAuth codes: authorization_pending, slow_down, …) for OIDC.
 */
import type { IdentityCenter, PendingAuthorization, SsoError } from './identityCenter';

export type SsoService = 'portal' | 'oidc';

export interface SsoRoute {
  service: SsoService;
  op: string;
  method: 'GET' | 'POST';
}

const ROUTES: Record<string, SsoRoute> = {
  '/assignment/accounts': { service: 'portal', op: 'ListAccounts', method: 'GET' },
  '/assignment/roles': { service: 'portal', op: 'ListAccountRoles', method: 'GET' },
  '/federation/credentials': { service: 'portal', op: 'GetRoleCredentials', method: 'GET' },
  '/logout': { service: 'portal', op: 'Logout', method: 'POST' },
  '/client/register': { service: 'oidc', op: 'RegisterClient', method: 'POST' },
  '/device_authorization': { service: 'oidc', op: 'StartDeviceAuthorization', method: 'POST' },
  '/token': { service: 'oidc', op: 'CreateToken', method: 'POST' },
};

/** The portal or OIDC operation of a path (without its query), if any. */
export function ssoRoute(path: string): SsoRoute | undefined {
  return Object.prototype.hasOwnProperty.call(ROUTES, path) ? ROUTES[path] : undefined;
}

/** The device flow's approval page (the verificationUri of StartDeviceAuthorization). */
export const DEVICE_PAGE_PATH = '/__emulator/sso/device';

const NAMESPACE: Record<SsoService, { coral: string; smithy: string }> = {
  portal: {
    coral: 'http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/',
    smithy: 'com.amazonaws.switchboard.portal',
  },
  oidc: { coral: 'http://internal.amazon.com/coral/com.amazonaws.sso.oidc/', smithy: 'com.amazonaws.sso.oidc' },
};

/** An error answer: status, headers and JSON body. */
export function ssoErrorAnswer(
  service: SsoService,
  err: SsoError,
): { status: number; headers: Record<string, string>; body: string } {
  const headers = { 'x-amzn-ErrorType': `${err.code}:${NAMESPACE[service].coral}` };
  const body =
    service === 'portal'
      ? { message: err.message, __type: `${NAMESPACE.portal.smithy}#${err.code}` }
      : { error: err.oauth ?? 'server_error', error_description: err.message };
  return { status: err.status, headers, body: JSON.stringify(body) };
}

/** The portal's inputs, from the query string (the names of the model's `locationName`s). */
export function portalInput(query: URLSearchParams): {
  accountId?: string;
  roleName?: string;
  maxResults?: number;
  nextToken?: string;
} {
  const out: { accountId?: string; roleName?: string; maxResults?: number; nextToken?: string } = {};
  const accountId = query.get('account_id');
  const roleName = query.get('role_name');
  const max = query.get('max_result');
  const next = query.get('next_token');
  if (accountId !== null) out.accountId = accountId;
  if (roleName !== null) out.roleName = roleName;
  if (max !== null) out.maxResults = /^-?\d+$/.test(max) ? Number(max) : NaN;
  if (next !== null) out.nextToken = next;
  return out;
}

/** OIDC members never written to the request log. */
const SECRET_MEMBERS = new Set(['clientSecret', 'deviceCode', 'refreshToken', 'code', 'codeVerifier']);

/** An OIDC request body as the request log keeps it (no secrets). */
export function loggedOidcParams(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => !SECRET_MEMBERS.has(k)));
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#16191f}' +
  'h1{font-size:1.4rem}code{font-size:1.3rem;letter-spacing:.1em}button{font-size:1rem;padding:.4rem 1.2rem;margin-right:.5rem}' +
  '.muted{color:#5f6b7a}';

function page(title: string, inner: string): string {
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>${inner}` +
    `<p class="muted">WorkSpaces emulator · IAM Identity Center</p></body></html>`
  );
}

/**
 * The approval page: without a code, a form asking for one; with a pending one, who asks (the
 * registered client's name) and Approve / Deny buttons (a form POST, signed in as a user of the
 * directory); otherwise what became of it. Every string from the API is escaped.
 */
export function devicePage(ic: IdentityCenter, code: string | undefined, outcome?: string): string {
  if (outcome !== undefined) return page('IAM Identity Center', `<p>${escapeHtml(outcome)}</p>`);
  if (code === undefined || code.trim() === '') {
    return page(
      'Authorize request',
      `<form method="get" action="${DEVICE_PAGE_PATH}"><p><label>Code <input name="user_code" autofocus></label></p>` +
        `<p><button type="submit">Next</button></p></form>`,
    );
  }
  const p: PendingAuthorization | undefined = ic.pending(code);
  if (!p) return page('Authorize request', `<p>No request has the code <code>${escapeHtml(code)}</code>.</p>`);
  if (p.state !== 'pending') {
    return page(
      'Authorize request',
      `<p>The request <code>${escapeHtml(p.userCode)}</code> is ${escapeHtml(p.state)}.</p>`,
    );
  }
  const users = ic
    .users()
    .map((u) => `<option value="${escapeHtml(u)}">${escapeHtml(u)}</option>`)
    .join('');
  return page(
    'Authorize request',
    `<p><strong>${escapeHtml(p.clientName)}</strong> asks to access your AWS accounts with the code</p>` +
      `<p><code>${escapeHtml(p.userCode)}</code></p>` +
      `<form method="post" action="${DEVICE_PAGE_PATH}"><input type="hidden" name="user_code" value="${escapeHtml(p.userCode)}">` +
      `<p><label>Signed in as <select name="user">${users}</select></label></p>` +
      `<p><button type="submit" name="decision" value="approve">Approve</button>` +
      `<button type="submit" name="decision" value="deny">Deny</button></p></form>`,
  );
}

/** Applies the approval page's form POST; returns the sentence the page shows. */
export function decideDevice(ic: IdentityCenter, form: URLSearchParams): { status: number; text: string } {
  const code = form.get('user_code') ?? '';
  const decision = form.get('decision');
  try {
    if (decision === 'approve') {
      ic.approve(code, form.get('user') ?? undefined);
      return { status: 200, text: 'Request approved. You can close this window and return to your application.' };
    }
    if (decision === 'deny') {
      ic.deny(code);
      return { status: 200, text: 'Request denied. You can close this window.' };
    }
    return { status: 400, text: 'Choose Approve or Deny.' };
  } catch (e) {
    return { status: 400, text: e instanceof Error ? e.message : String(e) };
  }
}
