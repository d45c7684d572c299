// The confirmation step of an action: none (asks only when some selected items are skipped), a
// modal (which a boolean setting may turn off), or a modal plus the typed id (or count) for what
// cannot be undone. Texts name what is acted on, what it costs, and what is skipped and why.
import * as vscode from 'vscode';
import type { ConfirmKind } from '../../core/actionTable';
import { validateTypedConfirmation, validateTypedConfirmationSoFar } from '../../core/validation';
import { notify } from './notify';
import { bulletList, plural, skippedSection, type Noun } from './messages';
import type { Target } from './resources';

export interface Skipped {
  id: string;
  label: string;
  reason: string;
}

export interface Confirming {
  kind: ConfirmKind;
  /** A boolean workspacesFleet setting that turns a `modal` confirmation off when false. */
  setting?: string;
  noun: Noun;
  /** The modal's button ("Stop"). */
  button: string;
  /** "stopped", for "cannot be stopped now". */
  participle: string;
  /** Why it matters: the first paragraph. */
  consequence?: string;
  /** More lines computed for these items (e.g. "last snapshot: …"). */
  details?: readonly string[];
  eligible: readonly Target[];
  skipped: readonly Skipped[];
}

/** A modal warning; true when the user pressed `button`. */
export async function confirmModal(message: string, detail: string, button: string): Promise<boolean> {
  const choice = await notify.warn(message, { modal: true, detail }, button);
  return choice === button;
}

/**
 * The second step of a destructive action: the user types `expected` (an id or a count). An input
 * box of our own rather than showInputBox, whose validateInput cannot tell typing from Enter: while
 * the text is the beginning of `expected` the box says nothing, a wrong character is refused at
 * once, and Enter on an incomplete id says so and keeps the box open. Escape cancels.
 */
function typedConfirmation(title: string, prompt: string, expected: string): Promise<boolean> {
  const box = vscode.window.createInputBox();
  box.title = title;
  box.prompt = prompt;
  box.placeholder = expected;
  box.ignoreFocusOut = true;
  return new Promise<boolean>((resolve) => {
    let settled = false;
    const finish = (ok: boolean): void => {
      if (settled) return;
      settled = true;
      for (const d of subscriptions) d.dispose();
      box.dispose();
      resolve(ok);
    };
    const subscriptions = [
      box.onDidChangeValue((text) => (box.validationMessage = validateTypedConfirmationSoFar(text, expected))),
      box.onDidAccept(() => {
        const refusal = validateTypedConfirmation(box.value, expected);
        if (refusal === undefined) finish(true);
        else box.validationMessage = refusal;
      }),
      box.onDidHide(() => finish(false)),
    ];
    box.show();
  });
}

function settingOn(setting: string): boolean {
  return vscode.workspace.getConfiguration('workspacesFleet').get<boolean>(setting, true);
}

/** Asks what the action declares; true = go. */
export async function confirmAction(c: Confirming): Promise<boolean> {
  const n = c.eligible.length;
  const [one, many] = c.noun;
  const what = n === 1 ? c.eligible[0].label : plural(n, one, many);
  const extra = c.details?.length ? `\n\n${c.details.join('\n')}` : '';
  const list = `${bulletList(c.eligible.map((t) => t.label))}${extra}${skippedSection(c.skipped, c.participle, c.noun)}`;
  const detail = c.consequence ? `${c.consequence}\n\n${list}` : list;
  if (c.kind === 'typed') {
    if (!(await confirmModal(`${c.button} ${what}?`, detail, `${c.button}…`))) return false;
    const expected = n === 1 ? c.eligible[0].id : String(n);
    const verb = c.button.toLowerCase();
    return typedConfirmation(
      `${c.button} ${what}`,
      n === 1
        ? `Type the ${one} ID ${expected} to ${verb} it. This cannot be undone.`
        : `Type ${expected}, the number of ${many}, to ${verb} them. This cannot be undone.`,
      expected,
    );
  }
  if (c.kind === 'modal' && (c.setting === undefined || settingOn(c.setting))) {
    return confirmModal(`${c.button} ${what}?`, detail, c.button);
  }
  if (c.skipped.length > 0) {
    return confirmModal(`${c.button} ${n} of the ${n + c.skipped.length} selected ${many}?`, list, c.button);
  }
  return true;
}
