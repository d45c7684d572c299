// Classification of whatever an SDK call throws into the typed AwsError of src/core/errors.ts.
import { AwsError, isAwsError, kindHint, type AwsErrorKind, type CredentialsReason } from '../core/errors';

/** A service's own hint for a kind of error, in place of the WorkSpaces one (src/core/errors.ts kindHint). */
export type ErrorHints = Partial<Record<Exclude<AwsErrorKind, 'credentials'>, string>>;

export interface ErrorContext {
  operation?: string;
  profile?: string;
  region?: string;
  signal?: AbortSignal;
  /** True when this endpoint has already answered some call like the service's API: an answer it
   *  cannot give is then this operation's problem, not endpoint_url's or a captive portal's. */
  endpointWorked?: boolean;
  /** The API's name in messages ("did not answer … like the CloudWatch API"). Default WorkSpaces. */
  service?: string;
  /** The service's own hints (its IAM action, its endpoint setting). */
  hints?: ErrorHints;
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'SlowDown',
  'BandwidthLimitExceeded',
]);
const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'OptInRequired',
]);
const INVALID_KEYS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'InvalidAccessKeyId',
  'AuthFailure',
]);
const EXPIRED_TOKEN = new Set(['ExpiredTokenException', 'ExpiredToken', 'TokenRefreshRequired']);
const NOT_FOUND = new Set(['ResourceNotFoundException', 'ResourceNotFound']);
// CloudWatch (AWS JSON 1.0, query-compatible) names an SDK error after the modeled shape when the
// code is modeled (InvalidParameterValueException, ...) and after the query code otherwise
// (Throttling, AccessDenied, InvalidParameterValue, ...): both spellings are listed.
const INVALID_PARAMETER = new Set([
  'InvalidParameterValuesException',
  'InvalidParameterValueException',
  'InvalidParameterValue',
  'InvalidParameterCombination',
  'MissingRequiredParameterException',
  'MissingParameter',
  'InvalidNextToken',
  'InvalidParameterCombinationException',
  'InvalidParameterException',
  'ValidationException',
  'SerializationException',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ECONNABORTED',
  'EPROTO',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
  $response?: { statusCode?: number; headers?: Record<string, string | undefined> };
  $retryable?: { throttling?: boolean };
}

function str(x: unknown): string | undefined {
  return typeof x === 'string' && x.length > 0 ? x : undefined;
}

/** Removes the SDK's generic "inspect the hidden field" advice from deserialization messages. */
function cleanMessage(m: string): string {
  return m.replace(/\s*Deserialization error: to see the raw response.*$/s, '').trim();
}

/** Turns anything thrown by an SDK call (or by this layer) into an AwsError. */
export function toAwsError(e: unknown, ctx: ErrorContext = {}): AwsError {
  if (isAwsError(e)) {
    const a = e as AwsError;
    if (a.operation !== undefined || ctx.operation === undefined) return a;
    return new AwsError({
      ...fields(a),
      operation: a.operation ?? ctx.operation,
      profile: a.profile ?? ctx.profile,
      region: a.region ?? ctx.region,
      cause: a.cause,
    });
  }
  const err = (typeof e === 'object' && e !== null ? e : {}) as SdkErrorShape;
  const name = str(err.name) ?? 'Error';
  const rawMessage = str(err.message) ?? String(e);
  const message = cleanMessage(rawMessage);
  const code = str(err.code);
  const status = err.$metadata?.httpStatusCode ?? err.$response?.statusCode;
  const requestId = str(err.$metadata?.requestId);
  const attempts = err.$metadata?.attempts;
  const where = { operation: ctx.operation, profile: ctx.profile, region: ctx.region, cause: sdkCause(e) };
  const hintOf = (kind: Exclude<AwsErrorKind, 'credentials'>): string | undefined =>
    ctx.hints?.[kind] ?? kindHint(kind);
  const mk = (kind: Exclude<AwsErrorKind, 'credentials'>, c: string, msg: string, hint = hintOf(kind)): AwsError =>
    new AwsError({ kind, code: c, message: msg, hint, requestId, httpStatus: status, attempts, ...where });
  const cred = (reason: CredentialsReason, c: string, msg: string): AwsError =>
    new AwsError({
      kind: 'credentials',
      reason,
      code: c,
      message: msg,
      requestId,
      httpStatus: status,
      attempts,
      ...where,
    });

  if (name === 'AbortError' || ctx.signal?.aborted) return mk('cancelled', 'Cancelled', 'The request was cancelled.');
  if (name === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'TimeoutError') {
    const after = attempts && attempts > 1 ? ` (${attempts} attempts)` : '';
    return mk('timeout', 'TimeoutError', `${message}${after}`);
  }
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    return cred('other', name, message);
  }

  // A response arrived but could not be read as the API's JSON: an HTML error page (proxy, load
  // balancer, captive portal, or an endpoint that serves other operations but not this one), a
  // truncated or malformed body, or a body cut off mid-stream.
  const hasResponse = err.$response !== undefined;
  if (
    hasResponse &&
    (name === 'SyntaxError' || /Deserialization error/.test(rawMessage) || (code && NETWORK_CODES.has(code)))
  ) {
    const type = err.$response?.headers?.['content-type'] ?? err.$response?.headers?.['Content-Type'] ?? '';
    const http = `HTTP ${status ?? '?'}`;
    let what: string;
    if (/html/i.test(type) || /Unexpected token '?</.test(rawMessage)) what = `${http} HTML page`;
    else if (/end of JSON input|Unterminated|after property value|after array element|Expected/i.test(rawMessage)) {
      what = `${http}, truncated or malformed JSON`;
    } else if (code && NETWORK_CODES.has(code)) what = `${http}, answer cut off mid-body: ${code}`;
    else what = `${http}, ${type ? `${type} body` : 'a body'} that is not the API's JSON`;
    const op = ctx.operation ?? 'this call';
    // Once something from this endpoint worked, endpoint_url and captive portals are not the cause.
    const hint = ctx.endpointWorked
      ? `Other calls to this endpoint work: it may not implement ${op}, or something between answered for it.`
      : hintOf('badResponse');
    return mk(
      'badResponse',
      'BadResponse',
      `This endpoint did not answer ${op} like the ${ctx.service ?? 'WorkSpaces'} API (${what}).`,
      hint,
    );
  }

  if (code && NETWORK_CODES.has(code)) return mk('network', code, message);

  const isService = err.$fault !== undefined || status !== undefined;
  if (isService) {
    if (THROTTLING.has(name) || status === 429 || err.$retryable?.throttling === true) {
      const after = attempts ? ` (after ${attempts} attempt${attempts === 1 ? '' : 's'})` : '';
      return mk('throttled', name, `${message}${after}`);
    }
    if (INVALID_KEYS.has(name)) return cred('invalidKeys', name, message);
    if (EXPIRED_TOKEN.has(name)) return cred('expiredToken', name, message);
    if (ACCESS_DENIED.has(name)) return mk('accessDenied', name, message);
    if (NOT_FOUND.has(name)) return mk('notFound', name, message);
    if (INVALID_PARAMETER.has(name)) return mk('invalidParameter', name, message);
    return mk('service', name, message);
  }
  if (code && /^E[A-Z]+$/.test(code)) return mk('network', code, message);
  return mk('service', name === 'Error' ? 'UnknownError' : name, message);
}

/**
 * What an AwsError keeps of the SDK's error: its name, message, stack, code and metadata. Not the
 * error itself: its hidden `$response` holds the HTTP exchange, whose request carries the signed
 * Authorization header and the session token, and anything that prints the error with
 * util.inspect (console.log, a log line of an error object, a debugger) would print them too.
 */
function sdkCause(e: unknown): unknown {
  if (typeof e !== 'object' || e === null) return e;
  const err = e as SdkErrorShape & { stack?: unknown };
  const copy = new Error(typeof err.message === 'string' ? err.message : 'Error');
  copy.name = str(err.name) ?? 'Error';
  if (typeof err.stack === 'string') copy.stack = err.stack;
  const extra: Record<string, unknown> = {};
  if (err.code !== undefined) extra.code = err.code;
  if (err.$fault !== undefined) extra.$fault = err.$fault;
  if (err.$metadata !== undefined) extra.$metadata = { ...err.$metadata };
  return Object.assign(copy, extra);
}

function fields(a: AwsError): Omit<ConstructorParameters<typeof AwsError>[0], 'cause'> {
  return {
    kind: a.kind,
    code: a.code,
    message: a.message,
    reason: a.reason,
    hint: a.hint,
    requestId: a.requestId,
    httpStatus: a.httpStatus,
    attempts: a.attempts,
  };
}

/** Throws a 'cancelled' AwsError when the signal is already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, ctx: ErrorContext = {}): void {
  if (signal?.aborted) {
    throw new AwsError({ kind: 'cancelled', code: 'Cancelled', message: 'The request was cancelled.', ...ctx });
  }
}
