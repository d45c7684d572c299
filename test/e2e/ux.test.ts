// What a person notices, in the real workbench (packaged extension, headless Chromium, the demo
// fleet on the emulator), at the side bar's default width: rows that show user and state first,
// a tooltip that stays open while another WorkSpace moves, a mixed selection whose menu keeps every
// action that applies to one of its WorkSpaces and says which are skipped and why before anything
// is sent, and a palette command that starts from the tree selection. Screenshots go to
// test-results/e2e/ (and, with WSF_UPDATE_SCREENSHOTS=1, the README's to media/).
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { openFleetWorkbench, type FleetWorkbench } from './fleet';

/** The little of the DOM the row check reads (the E2E is compiled without the DOM library). */
interface DomElement {
  readonly textContent: string | null;
  readonly firstChild: object | null;
  querySelector(selector: string): DomElement | null;
  getBoundingClientRect(): { right: number };
  readonly ownerDocument: {
    createRange(): {
      setStart(node: object, offset: number): void;
      setEnd(node: object, offset: number): void;
      getBoundingClientRect(): { right: number };
    };
  };
}

const PROD = '111111111111';
const CAROL = 'ws-c3e5g7i9k';
const ALICE = 'ws-a1c3e5g7i';
const BOB = 'ws-b2d4f6h8j';
const PEGGY = 'ws-n4p6r8t0v';
const MALLORY = 'ws-k1m3o5q7s';

describe('E2E: what a person notices (default side bar width)', () => {
  let wb: FleetWorkbench;

  before(async () => {
    wb = await openFleetWorkbench({ transitionMs: 1500, viewport: { width: 1280, height: 800 } });
    // peggy.silva keeps starting until a test lets it finish (the poller re-reads it every 2 s).
    wb.emulator.world(PROD, 'us-east-1').setState(PEGGY, 'STARTING');
    await wb.openWorkSpacesView({ widen: false });
    // sandbox-dev (listed first) is folded away, so sandbox-prod's WorkSpaces fit on screen.
    await wb.row(/^example-corp/).waitFor({ timeout: 30_000 });
    await wb.row(/^sandbox-dev/).click();
    await wb.row('us-west-2').waitFor({ state: 'detached', timeout: 10_000 });
    for (const [group, user] of [
      [/^example-corp/, 'alice.nguyen'],
      [/^example-lab/, 'niaj.haddad'],
    ] as const) {
      await wb.row(group).waitFor({ timeout: 30_000 });
      await wb.row(group).click();
      await wb.row(user).waitFor({ timeout: 15_000 });
    }
    // carol.diaz starts in STARTING and is AVAILABLE 1.5 s later.
    await wb.row(/carol\.diaz\s*Available/).waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await wb?.close();
  });

  const sidebar = (): Locator => wb.page.locator('.part.sidebar');

  /** Moves the mouse off the tree and closes whatever is open (menu, hover, dialog). */
  async function settle(): Promise<void> {
    await wb.page.keyboard.press('Escape');
    await wb.page.mouse.move(900, 700);
    await wb.page.waitForTimeout(300);
  }

  it('shows the user, then the state, on every WorkSpace row at the default width', async () => {
    const { page } = wb;
    const width = (await sidebar().boundingBox())?.width ?? 0;
    assert.ok(width > 0 && width < 400, `the side bar has its default width (${width} px)`);
    const title = page.locator('.sidebar .title-label h2');
    assert.equal(await title.textContent(), 'WorkSpaces Fleet', 'the view says what it is');
    assert.ok(
      await title.evaluate((h: { scrollWidth: number; clientWidth: number }) => h.scrollWidth <= h.clientWidth),
      'the view title is not cut off',
    );
    // Every WorkSpace row of example-corp and example-lab (every state of the demo fleet).
    const users = [
      ...['alice.nguyen', 'bob.martin', 'carol.diaz', 'dave.kim', 'erin.walsh', 'frank.osei', 'grace.lee'],
      ...['heidi.schulz', 'olivia.brown', 'peggy.silva', 'ivan.petrov', 'judy.chen', 'mallory.fox', 'niaj.haddad'],
    ];
    for (const user of users) {
      // The label is the user alone; the description starts with the state, which must be visible
      // (not cut by the row's edge) even when the row is too narrow for the rest.
      const seen = await wb.row(user).evaluate((row: DomElement) => {
        const name = row.querySelector('.label-name');
        const desc = row.querySelector('.label-description');
        const clip = row.querySelector('.monaco-icon-label-container') ?? row;
        const text = desc?.firstChild;
        if (!name || !desc || !text) return undefined;
        const state = (desc.textContent ?? '').split(' · ')[0];
        const range = row.ownerDocument.createRange();
        range.setStart(text, 0);
        range.setEnd(text, state.length);
        return {
          label: name.textContent ?? '',
          state,
          stateRight: range.getBoundingClientRect().right,
          edge: clip.getBoundingClientRect().right,
        };
      });
      assert.ok(seen, `the row of ${user} has a label and a description`);
      assert.equal(seen.label, user, 'the label is the user name alone');
      assert.match(seen.state, /^[A-Z][a-z]+( [a-z]+\.?)*$/, `${user}: the description starts with the state`);
      assert.ok(
        seen.stateRight <= seen.edge,
        `${user}: "${seen.state}" is fully visible (${seen.stateRight} ≤ ${seen.edge})`,
      );
    }
    await page.waitForTimeout(300);
    await wb.screenshot('30-tree-default-width', { around: [sidebar()], media: 'tree.png' });
  });

  it('keeps a tooltip open while the poller refreshes another WorkSpace that changes state', async () => {
    const { page, emulator } = wb;
    await settle();
    // The tooltip opens below mallory.fox; peggy.silva, above it, is the WorkSpace that moves.
    await wb.row('mallory.fox').locator('.label-name').hover();
    const tooltip = page.locator('.monaco-hover', { hasText: MALLORY });
    await tooltip.waitFor({ timeout: 15_000 });
    assert.match((await tooltip.textContent()) ?? '', /Project=atlas/, 'the tags come with the tooltip');
    // peggy.silva finishes starting: the next poll tick re-reads it and its row changes.
    emulator.world(PROD, 'us-east-1').setState(PEGGY, 'AVAILABLE');
    const peggy = wb.row('peggy.silva');
    const opened = performance.now();
    let changed = false;
    for (;;) {
      assert.ok(
        await tooltip.isVisible(),
        `the tooltip is still open ${performance.now() - opened} ms after it opened`,
      );
      changed ||= /Available/.test((await peggy.textContent()) ?? '');
      // Both: open for 5 s or more, and the other row changed under it (on a busy machine the
      // poll may come late; the tooltip must outlast it whenever it comes).
      if (changed && performance.now() - opened >= 5_000) break;
      assert.ok(performance.now() - opened < 60_000, 'peggy.silva was refreshed by the poller');
      await page.waitForTimeout(250);
    }
    await wb.screenshot('31-tooltip-open-during-poll', { around: [sidebar(), tooltip], media: 'tooltip.png' });
    await settle();

    // A WorkSpace stuck in a moving state tells since when the extension has seen it so.
    await wb.row('ivan.petrov').locator('.label-name').hover();
    const stuck = page.locator('.monaco-hover', { hasText: 'ws-i9k1m3o5q' });
    await stuck.waitFor({ timeout: 15_000 });
    // (The hover shows code spans with non-breaking spaces.)
    const text = ((await stuck.textContent()) ?? '').replace(/\u00a0/g, ' ');
    assert.match(text, /In this state: first seen \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    await wb.screenshot('32-tooltip-stuck-rebooting', { around: [sidebar(), stuck] });
  });

  /** Clicks rows with Ctrl held after the first (a multi-selection). */
  async function select(...users: string[]): Promise<void> {
    await settle();
    for (const [i, user] of users.entries()) {
      await wb
        .row(user)
        .locator('.label-name')
        .click(i === 0 ? {} : { modifiers: ['Control'] });
    }
    assert.equal(await wb.page.locator('.sidebar .monaco-list-row.selected').count(), users.length);
  }

  /** Right-clicks a row until its menu holds `items` (the selection's context keys reach the
   *  workbench a moment after the clicks). */
  async function menuOf(user: string, items: string[]): Promise<Locator> {
    const { page } = wb;
    for (let attempt = 1; ; attempt++) {
      await wb.row(user).click({ button: 'right' });
      const menu = page.locator('.monaco-menu').last();
      await menu.waitFor({ timeout: 10_000 });
      await page.waitForTimeout(400);
      const names = await page.getByRole('menuitem').allTextContents();
      const missing = items.filter((i) => !names.some((n) => n.trim() === i));
      if (missing.length === 0) return menu;
      if (attempt >= 3) assert.fail(`the menu lacks ${missing.join(', ')}; it has ${names.join(' | ')}`);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }

  it('a mixed selection keeps Start, Stop and Reboot, and says who is skipped and why before sending', async () => {
    const { page, emulator } = wb;
    // carol: Available (AutoStop) · alice: Available (AlwaysOn) · bob: Stopped.
    await select('carol.diaz', 'alice.nguyen', 'bob.martin');
    const menu = await menuOf('bob.martin', ['Start', 'Stop', 'Reboot']);
    await wb.screenshot('33-mixed-selection-menu', { around: [sidebar(), menu], media: 'context-menu.png' });
    await page.getByRole('menuitem', { name: 'Stop', exact: true }).click();

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 10_000 });
    const text = (await dialog.textContent()) ?? '';
    assert.match(text, new RegExp(`Stop carol\\.diaz \\(${CAROL}\\)\\?`));
    assert.match(text, /Skipped — 2 WorkSpaces cannot be stopped now:/);
    assert.match(text, new RegExp(`alice\\.nguyen \\(${ALICE}\\) runs AlwaysOn`));
    assert.match(text, new RegExp(`bob\\.martin \\(${BOB}\\) is STOPPED`));
    assert.equal(emulator.actionCount(CAROL) + emulator.actionCount(ALICE) + emulator.actionCount(BOB), 0);
    await page.waitForTimeout(300);
    await wb.screenshot('34-skip-summary', { around: [dialog], media: 'skip-summary.png' });
    await dialog.getByRole('button', { name: 'Stop', exact: true }).click();

    const toast = page.locator('.notification-toast', { hasText: `Stopping carol.diaz (${CAROL})` });
    await toast.waitFor({ timeout: 15_000 });
    assert.match((await toast.textContent()) ?? '', /2 skipped \(not eligible\)/);
    await wb.row(/carol\.diaz\s*Stopping/).waitFor({ timeout: 15_000 });
    // VS Code shows a progress notification for at least 800 ms: let it go first.
    await page.locator('.notification-toast', { hasText: 'Stopping WorkSpaces:' }).waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    await wb.screenshot('35-bulk-summary', { around: [toast], media: 'bulk-summary.png' });
    assert.equal(emulator.actionCount(CAROL, 'StopWorkspaces'), 1);
    assert.equal(emulator.actionCount(ALICE) + emulator.actionCount(BOB), 0, 'the skipped were not sent');
    await page.locator('.notification-toast .codicon-notifications-clear').first().click();
  });

  it('a palette command starts from the tree selection', async () => {
    const { page, emulator } = wb;
    // bob: Stopped · olivia: Available (AlwaysOn).
    await select('bob.martin', 'olivia.brown');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill('>WorkSpaces Fleet: Start');
    const item = page.locator('.quick-input-widget .monaco-list-row', { hasText: /WorkSpaces Fleet: Start$/ });
    await item.first().waitFor({ timeout: 10_000 });
    await item.first().click();
    // No profile/region/WorkSpace pickers: the selection's two rows, one of which can start.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 10_000 });
    const text = (await dialog.textContent()) ?? '';
    assert.match(text, /Start 1 of the 2 selected WorkSpaces\?/);
    assert.match(text, /olivia\.brown \(ws-m3o5q7s9u\) is AVAILABLE/);
    await page.waitForTimeout(300);
    await wb.screenshot('36-palette-from-selection', { around: [dialog] });
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    await wb.row(/bob\.martin\s*Starting/).waitFor({ timeout: 15_000 });
    assert.equal(emulator.actionCount(BOB, 'StartWorkspaces'), 1);
    assert.equal(emulator.actionCount('ws-m3o5q7s9u'), 0);
  });

  it('the idle view shows the long-idle WorkSpaces, not those new to the fleet', async () => {
    const { page } = wb;
    await settle();
    async function palette(command: string): Promise<void> {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 10_000 });
      await input.fill(`>WorkSpaces Fleet: ${command}`);
      const item = page.locator('.quick-input-widget .monaco-list-row', { hasText: `WorkSpaces Fleet: ${command}` });
      await item.first().waitFor({ timeout: 10_000 });
      await item.first().click();
    }
    await palette('Show Idle WorkSpaces Only');
    // grace.lee last connected 40 days ago: idle. heidi.schulz never connected, but the extension
    // first saw her minutes ago (AWS does not say when a WorkSpace was created): not idle yet.
    await wb.row(/^heidi\.schulz/).waitFor({ state: 'detached', timeout: 15_000 });
    await wb.row(/^grace\.lee/).waitFor({ timeout: 15_000 });
    assert.match((await wb.row(/^grace\.lee/).textContent()) ?? '', /last seen 4\d d ago/);
    assert.equal(await wb.row(/^mallory\.fox/).count(), 0, 'a WorkSpace used today is not idle');
    await page.waitForTimeout(300);
    await wb.screenshot('37-idle-view', { around: [sidebar()] });
    await palette('Show All WorkSpaces');
    await wb.row(/^heidi\.schulz/).waitFor({ timeout: 15_000 });
  });
});
