// VS Code's rendering of icon syntax in QuickPick items and status bar text (renderLabelWithIcons
// in src/vs/base/browser/ui/iconLabel/iconLabels.ts; the same regular expression in code-server
// 4.139's workbench.js): `$(name)` or `$(name~modifier)` becomes an icon, `\\$(name)` the literal text.
const LABEL_WITH_ICONS = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g;

/** What VS Code draws for `text`: the icons it would render, and the visible text. */
export function renderLabelWithIcons(text: string): { icons: string[]; text: string } {
  const icons: string[] = [];
  const shown = text.replace(LABEL_WITH_ICONS, (_m, escaped: string | undefined, name: string) => {
    if (escaped) return `$(${name})`;
    icons.push(name);
    return '';
  });
  return { icons, text: shown };
}
