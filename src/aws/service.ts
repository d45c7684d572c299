// The one call helper of the AWS layer: one scope's (profile × region) calls to one AWS service.
// WorkSpaces (api.ts, with its reads.ts and actions.ts) and CloudWatch (cloudwatch.ts) are built on
// it; a new service is its client, its scheduler and its commands:
//
//   const calls = new ServiceCalls({ scope, client, scheduler, service: 'CloudTrail', hints });
//   calls.items('LookupEvents', o, { MaxResults: 50 }, (i) => new LookupEventsCommand(i), (p) => p.Events);
//
// Every call gets:
// - its turn in the scope's request scheduler (scheduler.ts) at a priority: the caller's, else
//   'action' for an operation that changes something and 'interactive' for a read (Describe*,
//   Get*, List*, Lookup*);
// - the scheduler's hook on its command (retry.ts): each SDK retry attempt takes a token, and an
//   action that may have been applied is never resent and is marked;
// - its own AbortSignal under the caller's (a shared signal gets one listener however many calls
//   run under it);
// - typed AwsErrors (errors.ts), worded for the service (`service`, `hints`);
// - NextToken paging (`pages`, `items`), each page one scheduled call;
// - for an id whose call threw, its outcome (`outcome`): failed, or unknown when it may have been applied.
import type { MetadataBearer } from '@smithy/types';
import type { AwsError } from '../core/errors';
import type { ActionOutcome, Scope } from '../core/types';
import { throwIfAborted, toAwsError, type ErrorContext, type ErrorHints } from './errors';
import type { Priority, PriorityRef } from './priority';
import { actionMayHaveApplied, scheduleAttempts, type Schedulable } from './retry';
import { isRead } from './retryReads';
import type { Scheduler, SchedulerStats } from './scheduler';

export interface CallOptions {
  abortSignal?: AbortSignal;
  /**
   * Where the call queues (src/aws/scheduler.ts): 'action' for a person's actions and their
   * follow-up reads, 'interactive' for what the person looks at, 'background' for the rest. A
   * PriorityRef can be raised while the call waits. Default: 'action' for actions, 'interactive'
   * for reads.
   */
  priority?: Priority | PriorityRef;
}

export interface Logger {
  debug(message: string): void;
  warn(message: string): void;
}

/** Any SDK command (of any @aws-sdk/client-* package) whose answer is O. */
export interface SdkCommand<O extends MetadataBearer> extends Schedulable {
  resolveMiddleware(stack: never, configuration: never, options: never): (args: never) => Promise<{ output: O }>;
}

/** Any SDK client, as far as the helper uses it. */
export interface SdkClient {
  send(command: SdkCommand<MetadataBearer>, options?: { abortSignal?: AbortSignal }): Promise<MetadataBearer>;
}

export interface ServiceDeps<C extends SdkClient> {
  scope: Scope;
  /** The cached client of the scope (created on first use, replaced after a reload). */
  client(): Promise<C>;
  /** The scheduler the scope's calls to this service go through now (it may change when the account is bound). */
  scheduler(): Scheduler;
  /** The API's name in error messages ("did not answer … like the CloudWatch API"). Default WorkSpaces. */
  service?: string;
  /** The service's own hints for a kind of error (its IAM action, its endpoint_url setting). */
  hints?: ErrorHints;
  /** True once the scope's endpoint has answered a call like this API (an unreadable answer is
   *  then this operation's problem, not endpoint_url's). */
  endpointWorked?(): boolean;
  /** Called after each answer that was the API's JSON. */
  worked?(): void;
  logger?: Logger;
}

/** Where a listing's input and answer carry the next page's token (`nextToken` for the SSO portal API). */
export type TokenKey = 'NextToken' | 'nextToken';
export type Paged<K extends TokenKey> = { [k in K]?: string | undefined };

/** The calls of one scope to one service. */
export class ServiceCalls<C extends SdkClient> {
  readonly scope: Scope;
  readonly logger: Logger | undefined;
  /** Errors of actions that may have been applied (outcome unknown). */
  private readonly unknownOutcome = new WeakSet<object>();

  constructor(private readonly deps: ServiceDeps<C>) {
    this.scope = deps.scope;
    this.logger = deps.logger;
  }

  /** The scheduler's state: rate, queued calls per priority, in flight, throttled, ... */
  stats(): SchedulerStats {
    return this.deps.scheduler().stats();
  }

  /** What `operation` threw as an AwsError of this scope and service (an AwsError stays itself). */
  error(e: unknown, operation: string, signal?: AbortSignal): AwsError {
    return toAwsError(e, this.context(operation, signal));
  }

  private context(operation: string, signal?: AbortSignal): ErrorContext {
    return {
      operation,
      profile: this.scope.profile,
      region: this.scope.region,
      service: this.deps.service,
      hints: this.deps.hints,
      endpointWorked: this.deps.endpointWorked?.(),
      signal,
    };
  }

  /**
   * One SDK call through the scheduler: waits for its turn at its priority (a throttled call
   * waits again), then sends the command `command()` makes, hooked into the scheduler (each SDK
   * retry attempt takes its own token; an action that may have been applied is never resent, see
   * retry.ts). A throttled call makes a new command when it goes again.
   */
  async call<O extends MetadataBearer>(
    operation: string,
    o: CallOptions | undefined,
    command: () => SdkCommand<O>,
  ): Promise<O> {
    const signal = o?.abortSignal;
    const action = !isRead(operation);
    throwIfAborted(signal, { operation, profile: this.scope.profile, region: this.scope.region });
    let client: C;
    try {
      client = await this.deps.client();
    } catch (e) {
      throw this.error(e, operation, signal);
    }
    // The scheduler and the SDK listen to this call's own signal, never to the shared one.
    const own = callSignal(signal);
    try {
      const out = await this.deps
        .scheduler()
        .run(o?.priority ?? (action ? 'action' : 'interactive'), own.signal, operation, async (ticket) => {
          try {
            // The command is the client's own (its package's): the answer is the command's output.
            return (await client.send(scheduleAttempts(command(), ticket, action), { abortSignal: own.signal })) as O;
          } catch (e) {
            const err = this.error(e, operation, signal);
            // An error the service answered in the API's JSON shows the endpoint speaks the API.
            if (err.httpStatus !== undefined && err.kind !== 'badResponse') this.deps.worked?.();
            // Sent, and then no readable answer (or cancelled on its way): it may have been applied.
            if (actionMayHaveApplied(e)) this.unknownOutcome.add(err);
            throw err;
          }
        });
      this.deps.worked?.();
      return out;
    } catch (e) {
      throw this.error(e, operation, signal);
    } finally {
      own.release();
    }
  }

  /**
   * Every page of a NextToken listing, each page one scheduled call. The generic pager for every
   * operation, the SDK's paginators included: a paginator is an async generator, and one that
   * threw (a throttled page) is finished and cannot ask for that page again, whereas here the
   * scheduler re-sends a throttled page with the same token.
   */
  pages<I extends object, O extends MetadataBearer & Paged<K>, K extends TokenKey = 'NextToken'>(
    operation: string,
    o: CallOptions | undefined,
    input: I,
    command: (input: I) => SdkCommand<O>,
    token?: K,
  ): AsyncGenerator<O> {
    return pageByToken((i: I) => this.call(operation, o, () => command(i)), input, token);
  }

  /** The items of every page of a NextToken listing (`pages`), a page at a time. */
  async *items<I extends object, O extends MetadataBearer & Paged<K>, T, K extends TokenKey = 'NextToken'>(
    operation: string,
    o: CallOptions | undefined,
    input: I,
    command: (input: I) => SdkCommand<O>,
    items: (page: O) => T[] | undefined,
    token?: K,
  ): AsyncGenerator<T[]> {
    for await (const page of this.pages(operation, o, input, command, token)) yield items(page) ?? [];
  }

  /**
   * The outcome of an id whose call of `operation` threw: failed, or unknown when the action may
   * have been applied.
   */
  outcome(id: string, e: unknown, operation: string, o?: CallOptions): ActionOutcome {
    const err = this.error(e, operation, o?.abortSignal);
    const base = { id, ok: false as const, code: err.code, message: err.message, kind: err.kind };
    return this.unknownOutcome.has(err) ? { ...base, unknown: true } : base;
  }
}

/** The calls in flight under each shared signal (a bulk action's, an export's, a listing's). */
const callsUnder = new WeakMap<AbortSignal, Set<AbortController>>();

/**
 * A call's own signal, aborted (with the same reason) when `shared` is. Many calls run under one
 * signal (a Rebuild of 30 WorkSpaces is 30 calls, an export's tag reads one per WorkSpace), and
 * each call's scheduler wait and HTTP request listen to its signal: on the shared signal that made
 * 11 listeners and Node's MaxListenersExceededWarning. The shared signal gets one listener, ever,
 * which aborts the calls in flight under it; each call's signal has its own few. `release` (when
 * the call ends) forgets the call.
 */
function callSignal(shared: AbortSignal | undefined): { signal?: AbortSignal; release(): void } {
  if (!shared || shared.aborted) return { signal: shared, release: () => undefined };
  let calls = callsUnder.get(shared);
  if (!calls) {
    const inFlight = new Set<AbortController>();
    calls = inFlight;
    callsUnder.set(shared, inFlight);
    shared.addEventListener(
      'abort',
      () => {
        for (const c of inFlight) c.abort(shared.reason);
        inFlight.clear();
      },
      { once: true },
    );
  }
  const own = new AbortController();
  calls.add(own);
  const set = calls;
  return { signal: own.signal, release: () => set.delete(own) };
}

/**
 * Generic NextToken pager: sends `input`, then again with each token the answer carries (in
 * `key`, default NextToken), until the token is absent or empty, or one comes again (an endpoint
 * that hands out a cycle of tokens would otherwise be asked for ever).
 */
export async function* pageByToken<I extends object, O extends Paged<K>, K extends TokenKey = 'NextToken'>(
  send: (input: I) => Promise<O>,
  input: I,
  key: K = 'NextToken' as K,
): AsyncGenerator<O> {
  const seen = new Set<string>();
  let token = (input as Paged<K>)[key];
  for (;;) {
    const page = await send(token === undefined ? input : { ...input, [key]: token });
    yield page;
    if (token) seen.add(token);
    const next = page[key];
    if (!next || seen.has(next)) return;
    token = next;
  }
}
