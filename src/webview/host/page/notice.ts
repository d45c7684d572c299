// The notice banner of a webview page (the error-details view, the fleet report): an info notice
// ("Copied as Markdown.") clears itself after a few seconds, an error stays until new data comes.
import { h } from './dom';

export interface Notice {
  level: 'info' | 'error';
  text: string;
}

const INFO_MS = 4000;

export class Notices {
  current: Notice | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** @param redraw draws the page again (with or without the banner). */
  constructor(private readonly redraw: () => void) {}

  show(level: Notice['level'], text: string): void {
    this.current = { level, text };
    if (this.timer) clearTimeout(this.timer);
    if (level === 'info') {
      this.timer = setTimeout(() => {
        this.current = undefined;
        this.redraw();
      }, INFO_MS);
    }
    this.redraw();
  }

  /** New data arrived: an error about the data before it no longer applies. */
  clearError(): void {
    if (this.current?.level === 'error') this.current = undefined;
  }
}

/** The banner of a notice (#notice): an alert for an error, a status for an info. */
export function banner(notice: Notice): HTMLElement {
  return h(
    'div',
    {
      cls: `notice notice-${notice.level}`,
      id: 'notice',
      attrs: { role: notice.level === 'error' ? 'alert' : 'status' },
    },
    notice.text,
  );
}
