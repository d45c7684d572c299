// Refresh batching of the explorer: the rows to re-render are collected and fired together, the
// root alone when everything is refreshed, else only the topmost of the rows (a row whose ancestor
// is also refreshed is covered by it). A delayed batch (pages arriving) is not pushed back by later
// ones; an immediate one replaces it.
import type * as vscode from 'vscode';
import type { Node } from './nodes';

export class RefreshBatch {
  readonly pending = new Set<Node>();
  all = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly changed: vscode.EventEmitter<Node | Node[] | undefined>,
    /** Called after each batch is fired. */
    private readonly onDidRefresh: () => void,
  ) {}

  schedule(delay: number): void {
    if (this.timer) {
      if (delay > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => this.flush(), delay);
  }

  private flush(): void {
    this.timer = undefined;
    if (this.all) {
      this.all = false;
      this.pending.clear();
      this.changed.fire(undefined);
    } else if (this.pending.size) {
      const nodes = [...this.pending];
      this.pending.clear();
      // A node whose ancestor is also refreshed is covered by it.
      const ids = new Set(nodes.map((n) => n.id));
      const top = nodes.filter((n) => {
        for (let p = n.parent; p; p = p.parent) if (ids.has(p.id)) return false;
        return true;
      });
      this.changed.fire(top);
    }
    this.onDidRefresh();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
