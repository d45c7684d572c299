// The UI double of the integration tests: for the duration of a test it replaces vscode.window's
// show* functions with ones that answer like a user — from a queue of prepared answers — run the
// input boxes' validateInput like VS Code does (a refused text keeps the box open, and the user
// gives up with Escape), and record every question. What nobody prepared an answer for is
// recorded as unexpected and answered with Escape.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export interface Question {
  kind: 'warning' | 'info' | 'error' | 'input' | 'quickPick';
  message: string;
  modal: boolean;
  detail?: string;
  buttons: string[];
  items?: vscode.QuickPickItem[];
  canPickMany?: boolean;
  placeHolder?: string;
  value?: string;
  /** The input box's validateInput message for the typed text (the box then stays open → Escape). */
  validation?: string;
  /** An input box of the extension's own (createInputBox): its message while the text was typed,
   *  before Enter. */
  whileTyping?: string;
}
export type Responder = (q: Question) => unknown;

export const press =
  (button: string): Responder =>
  (q) => {
    assert.ok(q.buttons.includes(button), `button "${button}" offered by "${q.message}" (has ${q.buttons.join(', ')})`);
    return button;
  };
export const escape: Responder = () => undefined;
export const type =
  (text: string): Responder =>
  (q) => {
    assert.equal(q.kind, 'input', `expected an input box, got ${q.kind} "${q.message}"`);
    return text;
  };
export const pick =
  (...labels: Array<string | RegExp>): Responder =>
  (q) => {
    assert.equal(q.kind, 'quickPick', `expected a quick pick, got ${q.kind} "${q.message}"`);
    const hit = (q.items ?? []).filter((i) =>
      labels.some((l) => (typeof l === 'string' ? i.label === l : l.test(i.label))),
    );
    assert.ok(
      hit.length > 0,
      `no item ${labels.join(' | ')} in "${q.message}" (has ${(q.items ?? []).map((i) => i.label).join(', ')})`,
    );
    return q.canPickMany ? hit : hit[0];
  };
export const pickWhere =
  (test: (i: vscode.QuickPickItem & Record<string, unknown>) => boolean): Responder =>
  (q) => {
    const hit = (q.items ?? []).filter((i) => test(i as vscode.QuickPickItem & Record<string, unknown>));
    assert.ok(hit.length > 0, `nothing to pick in "${q.message}"`);
    return q.canPickMany ? hit : hit[0];
  };

const MESSAGE_FNS = [
  'showWarningMessage',
  'showInformationMessage',
  'showErrorMessage',
  'showInputBox',
  'showQuickPick',
  'createInputBox',
] as const;

const messageText = (m: string | vscode.InputBoxValidationMessage | undefined): string | undefined =>
  typeof m === 'string' ? m : m?.message;

/**
 * A fresh Ui installed before each test of the calling suite (its hooks come first), and checked
 * after each passing test: nothing was asked that the test did not expect, every prepared answer
 * was used. Returns the current test's Ui.
 */
export function uiPerTest(): () => Ui {
  let ui: Ui | undefined;
  beforeEach(() => {
    ui = new Ui();
    ui.install();
  });
  afterEach(function () {
    ui?.restore();
    if (ui && this.currentTest?.state === 'passed') {
      assert.deepEqual(
        ui.unexpected.map((q) => `${q.kind}: ${q.message}`),
        [],
        'no dialog the test did not expect',
      );
      assert.equal(ui.unanswered, 0, 'every prepared answer was used');
    }
  });
  return () => {
    assert.ok(ui, 'inside a test');
    return ui;
  };
}

export class Ui {
  readonly asked: Question[] = [];
  readonly unexpected: Question[] = [];
  private readonly queue: Responder[] = [];
  private readonly saved = new Map<string, unknown>();

  /** @param refusedGetThrough an input box returns even a text its validateInput refused. */
  constructor(private readonly refusedGetThrough = false) {}

  answer(...rs: Responder[]): this {
    this.queue.push(...rs);
    return this;
  }

  get unanswered(): number {
    return this.queue.length;
  }

  get toasts(): Question[] {
    return this.asked.filter((q) => !q.modal && q.kind !== 'input' && q.kind !== 'quickPick');
  }

  get modals(): Question[] {
    return this.asked.filter((q) => q.modal);
  }

  get inputs(): Question[] {
    return this.asked.filter((q) => q.kind === 'input');
  }

  get validations(): string[] {
    return this.asked.filter((q) => q.validation).map((q) => q.validation as string);
  }

  install(): void {
    const w = vscode.window as unknown as Record<string, unknown>;
    for (const k of MESSAGE_FNS) this.saved.set(k, w[k]);
    w.showWarningMessage = (m: string, ...rest: unknown[]) => this.message('warning', m, rest);
    w.showInformationMessage = (m: string, ...rest: unknown[]) => this.message('info', m, rest);
    w.showErrorMessage = (m: string, ...rest: unknown[]) => this.message('error', m, rest);
    w.showInputBox = (o: vscode.InputBoxOptions = {}) => this.input(o);
    w.showQuickPick = (items: unknown, o: vscode.QuickPickOptions = {}) => this.quickPick(items, o);
    w.createInputBox = () => this.inputBox();
    assert.notEqual(
      vscode.window.showQuickPick,
      this.saved.get('showQuickPick'),
      'vscode.window can be answered by the test',
    );
  }

  restore(): void {
    const w = vscode.window as unknown as Record<string, unknown>;
    for (const [k, f] of this.saved) w[k] = f;
  }

  private respond(q: Question): unknown {
    const r = this.queue.shift();
    if (!r) {
      this.unexpected.push(q);
      return undefined;
    }
    return r(q);
  }

  private message(kind: Question['kind'], message: string, rest: unknown[]): Promise<unknown> {
    let opts: vscode.MessageOptions = {};
    let items = rest;
    if (rest.length > 0 && typeof rest[0] === 'object' && rest[0] !== null && !('title' in rest[0])) {
      opts = rest[0];
      items = rest.slice(1);
    }
    const q: Question = {
      kind,
      message,
      modal: opts.modal === true,
      buttons: items.map((i) => (typeof i === 'string' ? i : (i as vscode.MessageItem).title)),
      ...(opts.detail !== undefined ? { detail: opts.detail } : {}),
    };
    this.asked.push(q);
    return Promise.resolve(q.modal ? this.respond(q) : undefined);
  }

  private async input(o: vscode.InputBoxOptions): Promise<string | undefined> {
    const q: Question = {
      kind: 'input',
      message: o.prompt ?? o.title ?? '',
      modal: false,
      buttons: [],
      ...(o.value !== undefined ? { value: o.value } : {}),
    };
    this.asked.push(q);
    const text = this.respond(q);
    if (typeof text !== 'string') return undefined;
    const v = await o.validateInput?.(text);
    const msg = typeof v === 'string' ? v : (v?.message ?? undefined);
    if (msg) {
      // VS Code keeps the box open with the message; the user gives up with Escape (or, to prove
      // that a command checks again what it is given, the text gets through all the same).
      q.validation = msg;
      return this.refusedGetThrough ? text : undefined;
    }
    return text;
  }

  /**
   * An input box the extension drives itself: shown, it is answered like showInputBox — the text
   * typed (onDidChangeValue), then Enter (onDidAccept); a box still open after Enter has refused
   * the text, and the user gives up with Escape (onDidHide).
   */
  private inputBox(): vscode.InputBox {
    const changed = new vscode.EventEmitter<string>();
    const accepted = new vscode.EventEmitter<void>();
    const hidden = new vscode.EventEmitter<void>();
    let visible = false;
    const box = {
      title: undefined as string | undefined,
      prompt: undefined as string | undefined,
      placeholder: undefined as string | undefined,
      value: '',
      ignoreFocusOut: false,
      validationMessage: undefined as string | vscode.InputBoxValidationMessage | undefined,
      onDidChangeValue: changed.event,
      onDidAccept: accepted.event,
      onDidHide: hidden.event,
      show: () => {
        if (visible) return;
        visible = true;
        setImmediate(() => {
          const q: Question = { kind: 'input', message: box.prompt ?? box.title ?? '', modal: false, buttons: [] };
          this.asked.push(q);
          const text = this.respond(q);
          if (typeof text === 'string') {
            box.value = text;
            changed.fire(text);
            const typing = messageText(box.validationMessage);
            if (typing !== undefined) q.whileTyping = typing;
            accepted.fire();
            if (visible) q.validation = messageText(box.validationMessage) ?? '(kept open)';
          }
          box.hide();
        });
      },
      hide: () => {
        if (!visible) return;
        visible = false;
        hidden.fire();
      },
      dispose: () => box.hide(),
    };
    return box as unknown as vscode.InputBox;
  }

  private async quickPick(items: unknown, o: vscode.QuickPickOptions): Promise<unknown> {
    const list = (await (items as Promise<vscode.QuickPickItem[]>)).filter(
      (i) => i.kind !== vscode.QuickPickItemKind.Separator,
    );
    const q: Question = {
      kind: 'quickPick',
      message: o.title ?? o.placeHolder ?? '',
      modal: false,
      buttons: [],
      items: list,
      canPickMany: o.canPickMany === true,
      ...(o.placeHolder ? { placeHolder: o.placeHolder } : {}),
    };
    this.asked.push(q);
    return this.respond(q);
  }
}
