// The call wrapper WorkspacesApi (src/aws/api.ts) is built on: every SDK call of a scope goes through
// `call` (the scope's scheduler at a priority, an optional AbortSignal, typed AwsErrors, the mark
// of an action that may have been applied), every NextToken listing through `pages`, and an id
// whose call threw gets its outcome from `failure`. The reads (reads.ts) and the actions
// (actions.ts) extend it.
import type { WorkSpacesClient } from '@aws-sdk/client-workspaces';
import type { AwsError } from '../core/errors';
import type { ActionOutcome, Scope } from '../core/types';
import { throwIfAborted, toAwsError } from './errors';
import { actionMayHaveApplied, scheduleAttempts, type Schedulable } from './retry';
import type { Priority, PriorityRef } from './priority';
import type { Scheduler } from './scheduler';

/** Page size of every read (the API's maximum). */
export const PAGE_SIZE = 25;
/** Ids per call of the batch operations and of DescribeWorkspaces / connection status by id. */
export const IDS_PER_CALL = 25;

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

export interface ApiDeps {
  scope: Scope;
  /** The cached client of the scope (created on first use, replaced after a reload). */
  client(): Promise<WorkSpacesClient>;
  /** The scheduler the scope's calls go through now (it changes when the account is bound). */
  scheduler(): Scheduler;
  /** Shares the account's request budget from now on (AwsLayer.bindAccount). */
  bindAccount(accountId: string): void;
  /** True once the scope's endpoint has answered a call like the WorkSpaces API. */
  endpointWorked(): boolean;
  /** Called after each answer that was the API's JSON. */
  worked(): void;
  logger?: Logger;
}

export type Hook = <C extends Schedulable>(command: C) => C;
export type Http = { abortSignal?: AbortSignal };

/** The plumbing of one scope's WorkSpaces calls; WorkspacesApi (api.ts) is the class to use. */
export abstract class ApiCalls {
  readonly scope: Scope;
  /** Errors of actions that may have been applied (outcome unknown). */
  private readonly unknownOutcome = new WeakSet<object>();

  constructor(protected readonly deps: ApiDeps) {
    this.scope = deps.scope;
  }

  protected ctx(operation: string, signal?: AbortSignal): Parameters<typeof toAwsError>[1] {
    return {
      operation,
      profile: this.scope.profile,
      region: this.scope.region,
      endpointWorked: this.deps.endpointWorked(),
      ...(signal ? { signal } : {}),
    };
  }

  /**
   * One SDK call through the scheduler: waits for its turn at its priority (a throttled call
   * waits again), then sends with `hook` applied to the command (each SDK retry attempt takes its
   * own token; an action that may have been applied is never resent, see retry.ts).
   */
  protected async call<T>(
    operation: string,
    o: CallOptions | undefined,
    fn: (client: WorkSpacesClient, hook: Hook, http: Http) => Promise<T>,
  ): Promise<T> {
    const signal = o?.abortSignal;
    const action = !operation.startsWith('Describe');
    throwIfAborted(signal, this.ctx(operation));
    let client: WorkSpacesClient;
    try {
      client = await this.deps.client();
    } catch (e) {
      throw toAwsError(e, this.ctx(operation, signal));
    }
    // The scheduler and the SDK listen to this call's own signal, never to the shared one.
    const own = callSignal(signal);
    try {
      const out = await this.deps
        .scheduler()
        .run(o?.priority ?? (action ? 'action' : 'interactive'), own.signal, operation, async (ticket) => {
          try {
            return await fn(
              client,
              (command) => scheduleAttempts(command, ticket, action),
              own.signal ? { abortSignal: own.signal } : {},
            );
          } catch (e) {
            const err = toAwsError(e, this.ctx(operation, signal));
            // An error the service answered in the API's JSON shows the endpoint speaks the API.
            if (err.httpStatus !== undefined && err.kind !== 'badResponse') this.deps.worked();
            // Sent, and then no readable answer (or cancelled on its way): it may have been applied.
            if (actionMayHaveApplied(e)) this.unknownOutcome.add(err);
            throw err;
          }
        });
      this.deps.worked();
      return out;
    } catch (e) {
      throw toAwsError(e, this.ctx(operation, signal));
    } finally {
      own.release();
    }
  }

  /**
   * Items of every page of a NextToken listing, each page one scheduled call. The generic pager
   * for every operation, the SDK's paginators included: a paginator is an async generator, and one
   * that threw (a throttled page) is finished and cannot ask for that page again, whereas here the
   * scheduler re-sends a throttled page with the same token.
   */
  protected async *pages<I extends { NextToken?: string }, O extends { NextToken?: string }, T>(
    operation: string,
    o: CallOptions | undefined,
    input: I,
    send: (client: WorkSpacesClient, input: I, hook: Hook, http: Http) => Promise<O>,
    items: (page: O) => T[] | undefined,
  ): AsyncGenerator<T[]> {
    const pages = pageByToken(
      (i: I) => this.call(operation, o, (client, hook, http) => send(client, i, hook, http)),
      input,
    );
    for await (const page of pages) yield items(page) ?? [];
  }

  /** The outcome of an id whose call threw: failed, or unknown when the action may have been applied. */
  protected failure(id: string, err: AwsError): ActionOutcome {
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
  if (!shared || shared.aborted) return { ...(shared ? { signal: shared } : {}), release: () => undefined };
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
 * Generic NextToken pager: sends `input`, then again with each NextToken the answer carries, until
 * the token is absent or repeats.
 */
async function* pageByToken<I extends { NextToken?: string }, O extends { NextToken?: string }>(
  send: (input: I) => Promise<O>,
  input: I,
): AsyncGenerator<O> {
  let token = input.NextToken;
  for (;;) {
    const page = await send({ ...input, NextToken: token });
    yield page;
    const next = page.NextToken;
    if (!next || next === token) return;
    token = next;
  }
}
