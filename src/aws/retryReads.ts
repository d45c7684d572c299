// Reads whose answer could not be read are retried by the SDK's own retry strategy.
//
// The SDK retries throttling, 5xx answers, timeouts and connection errors, but not a 2xx answer it
// failed to deserialize: a body truncated by a proxy or cut off mid-stream surfaces at once as a
// SyntaxError (kind 'badResponse'), and one bad page would end a whole listing. For reads
// (Describe*, Get*, List*, Lookup*), which are idempotent, this middleware marks such an error
// retryable, so the SDK resends the request within the same attempt budget, backoff and retry
// quota as any transient error; when every attempt fails, the section shows "Unexpected response
// from the endpoint" with Retry. Actions are never resent: an action whose answer was lost may
// have been applied, so resending it could act twice. Its outcome is reported as failed
// ('badResponse') and a refresh shows the real state.
import type { MiddlewareStack } from '@smithy/types';

const RETRY_UNREADABLE_READS = 'wsfRetryUnreadableReads';

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
  $response?: unknown;
  $retryable?: { throttling?: boolean };
}

/** True for an answer that arrived (2xx or no status) but could not be parsed as the API's JSON. */
function isUnreadableAnswer(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const err = e as ErrorShape;
  if (err.$response === undefined) return false;
  const status = err.$metadata?.httpStatusCode;
  if (status !== undefined && (status < 200 || status >= 300)) return false;
  return err.name === 'SyntaxError' || (typeof err.message === 'string' && /Deserialization error/.test(err.message));
}

/** Reads: idempotent operations that may be resent (and that queue as 'interactive' by default). */
const READ = /^(Describe|Get|List|Lookup)/;

export function isRead(operation: string): boolean {
  return READ.test(operation);
}

/** Any SDK client (only its own middleware stack is touched). */
interface Client {
  middlewareStack: unknown;
}

export function retryUnreadableReads(client: Client): void {
  (client.middlewareStack as MiddlewareStack<object, object>).add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (e) {
        if (isRead(context.commandName ?? '') && isUnreadableAnswer(e)) {
          (e as ErrorShape).$retryable = {};
        }
        throw e;
      }
    },
    // 'deserialize' step, high priority: wraps the SDK's deserializer and sits inside its retry
    // middleware (finalizeRequest step), which sees the mark.
    { step: 'deserialize', name: RETRY_UNREADABLE_READS, priority: 'high', override: true },
  );
}
