// Person-like E2E fixture: the packaged .vsix installed into a real VS Code (code-server, without
// the smoke-test driver so notifications show), driven by headless Chromium as a person would.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { chromiumLaunchOptions, ROOT, startCodeServer, type CodeServer } from '../harness/codeServer';

export const SCREENSHOTS = join(ROOT, 'test-results', 'e2e');

export interface Workbench {
  page: Page;
  server: CodeServer;
  browser: Browser;
  /** Saves test-results/e2e/<name>.png. */
  screenshot(name: string): Promise<string>;
  /** Opens the WorkSpaces view from the activity bar. */
  openWorkSpacesView(): Promise<Locator>;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  env?: Record<string, string>;
  settings?: Record<string, unknown>;
  viewport?: { width: number; height: number };
}

export async function openWorkbench(opts: WorkbenchOptions = {}): Promise<Workbench> {
  const vsix = process.env.WSF_VSIX;
  if (!vsix) throw new Error('WSF_VSIX is not set: run the E2E through `npm run test:e2e`');
  mkdirSync(SCREENSHOTS, { recursive: true });
  const server = await startCodeServer({
    vsix,
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.settings ? { settings: opts.settings } : {}),
  });
  const browser = await chromium.launch(chromiumLaunchOptions());
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1400, height: 900 } });
  await page.goto(`${server.url}/?folder=${encodeURIComponent(server.folder)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  const wb: Workbench = {
    page,
    server,
    browser,
    async screenshot(name) {
      const file = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async openWorkSpacesView() {
      const icon = page.locator('.activitybar [aria-label^="WorkSpaces"]').first();
      await icon.waitFor({ timeout: 60_000 });
      await icon.click();
      const view = page.locator('.pane-header[aria-label^="Explorer"]').first();
      await page.locator('.sidebar .title-label h2', { hasText: /WORKSPACES/i }).waitFor({ timeout: 30_000 });
      // Widen the side bar as a person would (drag its edge), so rows show their descriptions.
      const box = await page.locator('.part.sidebar').boundingBox();
      if (box && box.width < 500) {
        const x = box.x + box.width + 1;
        const y = box.y + box.height / 2;
        await page.mouse.move(x, y);
        await page.mouse.down();
        await page.mouse.move(x + 260, y, { steps: 5 });
        await page.mouse.up();
      }
      return view;
    },
    async close() {
      await browser.close();
      await server.stop();
    },
  };
  return wb;
}

/**
 * Switches the colour theme as a person would: the theme picker (Ctrl+K Ctrl+T), typed name, Enter.
 * A webview takes the focus while it (re)loads, which closes a quick input: it settles, and retries.
 * `focus` is what to click first so the keys reach the workbench.
 */
export async function switchTheme(page: Page, theme: string, focus: Locator): Promise<void> {
  const input = page.locator('.quick-input-widget input[aria-label^="Select Color Theme"]');
  for (let attempt = 1; ; attempt++) {
    try {
      await focus.focus();
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+T');
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(theme);
      await page
        .locator('.quick-input-widget .monaco-list-row', { hasText: theme })
        .first()
        .waitFor({ timeout: 5_000 });
      await input.press('Enter');
      await page.locator('.monaco-workbench.vs').waitFor({ timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
}
