// The error kinds of the AWS layer and their user-facing wording. Pure: shared by the AWS bundle
// (which creates the errors) and the VS Code bundle (which shows them). The two bundles each get
// their own copy of this module, so the VS Code layer must never use `instanceof AwsError`: it
// checks the shape with `isAwsError(x)` and switches on `x.kind`.

export type AwsErrorKind =
  | 'throttled'
  | 'accessDenied'
  | 'credentials'
  | 'notFound'
  | 'invalidParameter'
  | 'service'
  | 'badResponse'
  | 'network'
  | 'timeout'
  | 'cancelled';

export const AWS_ERROR_KINDS: readonly AwsErrorKind[] = [
  'throttled',
  'accessDenied',
  'credentials',
  'notFound',
  'invalidParameter',
  'service',
  'badResponse',
  'network',
  'timeout',
  'cancelled',
];

/** Why credentials could not be used. */
export type CredentialsReason =
  'ssoExpired' | 'ssoMissing' | 'profileNotFound' | 'invalidKeys' | 'expiredToken' | 'process' | 'other';

export const CREDENTIALS_REASONS: readonly CredentialsReason[] = [
  'ssoExpired',
  'ssoMissing',
  'profileNotFound',
  'invalidKeys',
  'expiredToken',
  'process',
  'other',
];

/** Fields every AWS layer error carries (plain data, survives a bundle boundary). */
interface AwsErrorCommon {
  readonly name: string;
  readonly message: string;
  /** The service's error code (`ThrottlingException`, `AccessDeniedException`, ...) or a local one
   *  (`TimeoutError`, `ECONNREFUSED`, `BadResponse`, `Cancelled`, `CredentialsProviderError`). */
  readonly code: string;
  /** What the user can do about it, when there is something to say. */
  readonly hint?: string;
  readonly requestId?: string;
  readonly httpStatus?: number;
  /** SDK attempts made (retries included), when known. */
  readonly attempts?: number;
  /** The API operation (`DescribeWorkspaces`), when known. */
  readonly operation?: string;
  readonly profile?: string;
  readonly region?: string;
}

export type AwsErrorInfo =
  | (AwsErrorCommon & { readonly kind: 'credentials'; readonly reason: CredentialsReason; readonly hint: string })
  | (AwsErrorCommon & { readonly kind: Exclude<AwsErrorKind, 'credentials'> });

export interface AwsErrorInit {
  kind: AwsErrorKind;
  message: string;
  code: string;
  reason?: CredentialsReason;
  hint?: string;
  requestId?: string;
  httpStatus?: number;
  attempts?: number;
  operation?: string;
  profile?: string;
  region?: string;
  cause?: unknown;
}

/** The one error class the AWS layer throws. Narrow it with `isAwsError` (not `instanceof`). */
export class AwsError extends Error {
  readonly kind: AwsErrorKind;
  readonly code: string;
  readonly reason?: CredentialsReason;
  readonly hint?: string;
  readonly requestId?: string;
  readonly httpStatus?: number;
  readonly attempts?: number;
  readonly operation?: string;
  readonly profile?: string;
  readonly region?: string;

  constructor(init: AwsErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'AwsError';
    this.kind = init.kind;
    this.code = init.code;
    if (init.kind === 'credentials') {
      this.reason = init.reason ?? 'other';
      this.hint = init.hint ?? credentialsHint(this.reason, init.profile);
    } else if (init.hint !== undefined) {
      this.hint = init.hint;
    }
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
    if (init.attempts !== undefined) this.attempts = init.attempts;
    if (init.operation !== undefined) this.operation = init.operation;
    if (init.profile !== undefined) this.profile = init.profile;
    if (init.region !== undefined) this.region = init.region;
  }
}

/** Shape check that works across bundles (no `instanceof`). */
export function isAwsError(x: unknown): x is AwsErrorInfo & Error {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  if (typeof o.kind !== 'string' || typeof o.message !== 'string' || typeof o.code !== 'string') return false;
  if (!(AWS_ERROR_KINDS as readonly string[]).includes(o.kind)) return false;
  if (o.kind === 'credentials') {
    return typeof o.reason === 'string' && (CREDENTIALS_REASONS as readonly string[]).includes(o.reason);
  }
  return true;
}

/** Short title per kind, for notifications and "failed to load" tree nodes. */
export const AWS_ERROR_TITLES: Readonly<Record<AwsErrorKind, string>> = {
  throttled: 'AWS is throttling the requests',
  accessDenied: 'Access denied',
  credentials: 'Credentials problem',
  notFound: 'Not found',
  invalidParameter: 'Invalid request',
  service: 'WorkSpaces service error',
  badResponse: 'Unexpected response from the endpoint',
  network: 'Network error',
  timeout: 'The request timed out',
  cancelled: 'Cancelled',
};

/** The `aws` command that fixes a credentials problem of this kind, when there is one. */
export function credentialsHint(reason: CredentialsReason, profile: string | undefined): string {
  const p = profile ? ` --profile ${profile}` : '';
  const named = profile ? `profile "${profile}"` : 'the profile';
  switch (reason) {
    case 'ssoExpired':
      return `The SSO session of ${named} has expired: run \`aws sso login${p}\`, then refresh.`;
    case 'ssoMissing':
      return `${cap(named)} uses SSO but nobody signed in yet: run \`aws sso login${p}\`, then refresh.`;
    case 'profileNotFound':
      return `${cap(named)} (or a profile it names in source_profile) is not in the AWS config or credentials file. Check the name, AWS_PROFILE, AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE.`;
    case 'invalidKeys':
      return `AWS does not recognise the access key of ${named} (unknown key or wrong secret). Update it with \`aws configure${p}\`.`;
    case 'expiredToken':
      return `The session token of ${named} has expired. Get fresh credentials (for SSO: \`aws sso login${p}\`), then refresh.`;
    case 'process':
      return `The credential_process of ${named} failed. Run the command in a terminal to see why.`;
    case 'other':
      return `Check the credentials of ${named} with \`aws sts get-caller-identity${p}\`.`;
  }
}

/** Hint for a non-credentials kind (what to try), or undefined when there is nothing useful to say. */
export function kindHint(kind: Exclude<AwsErrorKind, 'credentials'>): string | undefined {
  switch (kind) {
    case 'throttled':
      return 'Wait a little and retry; fewer parallel refreshes help.';
    case 'accessDenied':
      return 'The identity of this profile lacks the WorkSpaces permission for this call (IAM policy, SCP or region opt-in).';
    case 'badResponse':
      return 'Nothing from this endpoint has answered like the WorkSpaces API yet: check endpoint_url, a proxy or a captive portal.';
    case 'network':
      return 'Check the network, the proxy settings and endpoint_url.';
    case 'timeout':
      return 'The endpoint did not answer in time; retry, or raise the request timeout.';
    default:
      return undefined;
  }
}

/** One line for a notification or a tree node: "<title>: <message> <hint>". */
export function formatAwsError(err: {
  kind: AwsErrorKind;
  message: string;
  hint?: string | undefined;
  profile?: string | undefined;
  region?: string | undefined;
}): string {
  const title = AWS_ERROR_TITLES[err.kind];
  const where = err.profile ? ` [${err.profile}${err.region ? ` ${err.region}` : ''}]` : '';
  const hint = err.hint ? ` ${err.hint}` : '';
  return `${title}${where}: ${err.message}${hint}`;
}

/** An error as a tree row or a log line shows it: the AWS layer's fields, or a plain message. */
export type ScopeError = Pick<AwsErrorInfo, 'kind' | 'message' | 'code'> & { hint?: string };

/** The kind, code, message and hint of anything thrown (a non-AWS error is a `service` error). */
export function toScopeError(e: unknown): ScopeError {
  if (isAwsError(e)) {
    return { kind: e.kind, code: e.code, message: e.message, hint: e.hint || undefined };
  }
  return { kind: 'service', code: 'Error', message: plainMessage(e) };
}

/**
 * The one text of any error, for notifications and log lines: an AWS layer error with its title,
 * scope and hint (`formatAwsError`); another Error with its name when that says more than "Error";
 * anything else as a string. Never a stack, never request headers.
 */
export function errorMessage(e: unknown): string {
  if (isAwsError(e)) return formatAwsError(e);
  if (e instanceof Error && e.name && e.name !== 'Error') return `${e.name}: ${e.message}`;
  return plainMessage(e);
}

function plainMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
