// The connection status of WorkSpace rows (DescribeWorkspacesConnectionStatus, ≤ 25 ids a call):
// read per listed page and merged into the rows when it comes. A failed call never discards
// WorkSpace data: the rows are marked `statusError`, the scope keeps the last failure, and within
// one listing a failure that asking again will not change stops the asking (StatusBreaker).
import { setMaxListeners } from 'node:events';
import type { WorkspaceConnectionStatus } from '@aws-sdk/client-workspaces';
import type { WorkspacesApi } from '../aws/api';
import type { Priority, PriorityRef } from '../aws/scheduler';
import { errorMessage, toScopeError, type ScopeError } from '../core/errors';
import type { WorkspaceView } from '../core/present';
import type { ScopeChange, SectionState } from './sections';

/** What the status calls need of their scope model (ScopeModel gives them). */
export interface StatusHost {
  readonly workspaces: SectionState<WorkspaceView>;
  /** Writes a row (the model's one place to do so). */
  putRow(id: string, next: WorkspaceView, status?: WorkspaceConnectionStatus): void;
  emit(change: ScopeChange): void;
  /** Keeps the last connection-status failure (ScopeModel.statusError). */
  setStatusError(err: ScopeError): void;
  /** Logs a warning, prefixed with the scope's name. */
  warn(message: string): void;
}

/** The connection-status calls of one scope's WorkSpace rows. */
export class StatusReader {
  /** WorkSpace id → the priority of its status call while that call waits (prioritizeStatus). */
  readonly pending = new Map<string, PriorityRef>();

  constructor(private readonly host: StatusHost) {}

  /** Fetches and merges the connection status of some WorkSpaces. A failure leaves the rows
   *  without status (and is reported as the section's statusError), it never fails the listing. */
  async fetchStatus(
    api: WorkspacesApi,
    ids: string[],
    signal: AbortSignal,
    priority: Priority,
    breaker?: StatusBreaker,
  ): Promise<void> {
    if (ids.length === 0) return;
    if (breaker?.failure !== undefined) {
      this.statusMissingFor(ids, breaker.failure, true);
      this.host.emit({ section: 'workspaces', pageArrived: true });
      return;
    }
    const ref = api.priorityRef(priority);
    for (const id of ids) this.pending.set(id, ref);
    try {
      const statuses = await api.connectionStatus(ids, { abortSignal: breaker?.signal ?? signal, priority: ref });
      for (const id of ids) {
        const w = this.host.workspaces.items.get(id);
        if (w) this.host.putRow(id, w, statuses.get(id));
      }
      this.host.emit({ section: 'workspaces', pageArrived: true });
    } catch (e) {
      if (signal.aborted) return;
      const tripped = breaker?.failure;
      if (tripped !== undefined) {
        // Dropped while it waited: the same answer was coming.
        this.statusMissingFor(ids, tripped, true);
      } else {
        breaker?.trip(e);
        this.statusMissingFor(ids, e);
      }
      this.host.emit({ section: 'workspaces', pageArrived: true });
    } finally {
      for (const id of ids) if (this.pending.get(id) === ref) this.pending.delete(id);
    }
  }

  /** A status call failed: its rows keep everything (and the last status known) and say so. */
  /** `notAsked`: marked with the answer an earlier call of the listing got (StatusBreaker); that
   *  call's warning said it once. */
  statusMissingFor(ids: readonly string[], e: unknown, notAsked = false): void {
    const err = toScopeError(e);
    this.host.setStatusError(err);
    for (const id of ids) {
      const w = this.host.workspaces.items.get(id);
      if (w) this.host.workspaces.items.set(id, { ...w, statusError: err.message });
    }
    const n = `${ids.length} WorkSpace${ids.length === 1 ? '' : 's'}`;
    if (!notAsked) {
      this.host.warn(`the connection status of ${n} could not be read (rows shown without it): ${errorMessage(e)}`);
    }
  }
}

export function idsOf(page: readonly { WorkspaceId?: string | undefined }[]): string[] {
  return page.map((w) => w.WorkspaceId).filter((id): id is string => id !== undefined);
}

/**
 * Within one listing: once a connection-status call fails in a way that will not change by asking
 * again (an endpoint that does not serve the operation and answers with an HTML page, access
 * denied, a refused parameter), the listing stops asking — the calls still waiting for their turn
 * are dropped and every later page is marked with the same reason at once. Transient failures
 * (network, timeout, a 5xx the SDK retried) do not trip it: the next page asks again.
 */
export class StatusBreaker {
  failure: unknown;
  private readonly controller = new AbortController();
  readonly signal: AbortSignal;

  constructor(scope: AbortSignal) {
    setMaxListeners(0, this.controller.signal);
    this.signal = AbortSignal.any([scope, this.controller.signal]);
    setMaxListeners(0, this.signal);
  }

  trip(e: unknown): void {
    if (this.failure !== undefined || !PERSISTENT_STATUS_FAILURES.has(toScopeError(e).kind)) return;
    this.failure = e;
    this.controller.abort();
  }
}

const PERSISTENT_STATUS_FAILURES = new Set(['badResponse', 'accessDenied', 'invalidParameter', 'notFound']);
