// How a call is retried, and by whom.
//
// - Throttling is the scheduler's (src/aws/scheduler.ts): the SDK does not retry a throttled call;
//   the error surfaces, the scheduler learns from it and re-queues the call at the front of its
//   class. The SDK's 'adaptive' mode is not used: its client-side rate limiter would pace each
//   client on its own, without priorities, against the scheduler's bucket.
// - Transient errors (5xx, timeouts, connection errors, and unreadable answers to reads, see
//   retryReads.ts) keep the SDK's standard retry strategy (backoff, attempt budget, retry quota).
// - Each SDK retry attempt takes a token from the scheduler too (front of its class, keeping the
//   call's in-flight slot): AWS counts every request it receives against the account's bucket (a
//   request answered with a 5xx most likely as well; not documented), so an attempt the scheduler
//   did not see would make its bucket drift from AWS's and the next calls would be throttled.
// - An action (any non-Describe operation) is never resent once the request may have reached the
//   service: after a timeout once connected, a connection reset mid-request, or an answer that
//   cannot be read. It may have been applied; its outcome is reported as unknown (ActionOutcome
//   `unknown: true`) for the commands layer to settle by re-reading. A throttled action is safe to
//   re-queue (refused before it was processed); a JSON 5xx error answer is retried as the SDK
//   does (the service answered that the call failed).
import { StandardRetryStrategy } from '@smithy/core/retry';
import type {
  FinalizeHandler,
  FinalizeHandlerArguments,
  MiddlewareStack,
  RelativeMiddlewareOptions,
  RetryErrorInfo,
  StandardRetryToken,
} from '@smithy/types';
import type { Ticket } from './scheduler';

/** Marks an SDK error of an action whose request may have reached the service. */
const MAY_HAVE_APPLIED = Symbol('wsf.mayHaveApplied');

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $response?: unknown;
  [MAY_HAVE_APPLIED]?: boolean;
}

/**
 * True when the request may have reached the service although no answer could be read: a timeout
 * after the connection was made, a connection reset or broken pipe, or an answer that arrived but
 * is not the API's JSON (truncated, an HTML page). False for an error the service answered (its
 * JSON error says the call failed) and for a request that never left (no connection, credentials).
 */
function mayHaveReachedService(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const err = e as ErrorShape;
  const message = typeof err.message === 'string' ? err.message : '';
  const code = typeof err.code === 'string' ? err.code : '';
  if (err.$response !== undefined) {
    return err.name === 'SyntaxError' || /Deserialization error/.test(message) || RESET_CODES.has(code);
  }
  if (err.name === 'TimeoutError') return !/did not establish a connection/.test(message);
  return RESET_CODES.has(code) || /socket hang up/i.test(message);
}

/** True when `e` is an action's error marked by `scheduleAttempts` (the outcome is unknown). */
export function actionMayHaveApplied(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as ErrorShape)[MAY_HAVE_APPLIED] === true;
}

/** The SDK's standard retry strategy without throttling retries and without resending actions
 *  that may have been applied (marked by `scheduleAttempts`). */
export class SchedulerRetryStrategy extends StandardRetryStrategy {
  override async refreshRetryTokenForRetry(
    token: StandardRetryToken,
    errorInfo: RetryErrorInfo,
  ): Promise<StandardRetryToken> {
    if (errorInfo.errorType === 'THROTTLING' || actionMayHaveApplied(errorInfo.error)) {
      // Refusing the token makes the SDK throw the call's own error.
      throw new Error('not retried by the SDK');
    }
    return super.refreshRetryTokenForRetry(token, errorInfo);
  }
}

const SCHEDULE_ATTEMPTS = 'wsfScheduleAttempts';

/** Any SDK command (only its own middleware stack is touched). */
export interface Schedulable {
  middlewareStack: { addRelativeTo(middleware: never, options: RelativeMiddlewareOptions): void };
}
const ATTEMPT = /attempt=(\d+)/;

/**
 * Hooks one command into the scheduler: each SDK retry attempt waits for a token (the first
 * attempt already has its turn), and an action's error that may have been applied (no readable
 * answer once sent, or cancelled on its way) is marked so the retry strategy does not resend it
 * and the outcome says unknown. Runs inside the SDK's retry loop, before signing (so a
 * retry waiting for its token is signed when it leaves).
 */
export function scheduleAttempts<C extends Schedulable>(command: C, ticket: Ticket, action: boolean): C {
  (command.middlewareStack as unknown as MiddlewareStack<object, object>).addRelativeTo(
    (next: FinalizeHandler<object, object>) => async (args: FinalizeHandlerArguments<object>) => {
      const request = (args as { request?: { headers?: Record<string, string> } }).request;
      const attempt = Number(ATTEMPT.exec(request?.headers?.['amz-sdk-request'] ?? '')?.[1] ?? 1);
      if (attempt > 1) await ticket.retryToken();
      try {
        return await next(args);
      } catch (e) {
        // A cancel while the request was on its way leaves the outcome as open as a timeout does.
        const aborted = typeof e === 'object' && e !== null && (e as ErrorShape).name === 'AbortError';
        if (action && (aborted || mayHaveReachedService(e))) (e as ErrorShape)[MAY_HAVE_APPLIED] = true;
        throw e;
      }
    },
    { relation: 'after', toMiddleware: 'retryMiddleware', name: SCHEDULE_ATTEMPTS, override: true },
  );
  return command;
}
