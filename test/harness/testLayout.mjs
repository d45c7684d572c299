#!/usr/bin/env node
// The unit tests of src/aws, src/core and src/fleet mirror src: test/unit/<dir>/<module>.test.ts (or
// <module>.<aspect>.test.ts) tests src/<dir>/<module>.ts. A suite over several modules, or a
// scenario, goes to test/unit/scenarios/. The static stage (test/run.mjs) runs this; it lists every
// test file that names no module of its mirrored src folder and exits 1.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MIRRORED = ['aws', 'core', 'fleet'];

/** Every file under dir, as paths relative to dir. */
function files(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

const offenders = [];
for (const top of MIRRORED) {
  const testDir = join(ROOT, 'test', 'unit', top);
  if (!existsSync(testDir)) continue;
  for (const file of files(testDir).map((f) => f.split('\\').join('/'))) {
    if (!file.endsWith('.test.ts')) continue; // helpers, fixtures
    const m = /^(?:(.*)\/)?([^/.]+)(?:\.[^/.]+)?\.test\.ts$/.exec(file);
    if (!m) {
      offenders.push(`test/unit/${top}/${file} (not <module>.test.ts or <module>.<aspect>.test.ts)`);
      continue;
    }
    const [, sub, module] = m;
    const source = ['src', top, ...(sub ? [sub] : []), `${module}.ts`].join('/');
    if (!existsSync(join(ROOT, source))) offenders.push(`test/unit/${top}/${file} (no ${source})`);
  }
}

if (offenders.length > 0) {
  console.error(
    `${offenders.length} unit test file(s) under test/unit/{${MIRRORED.join(',')}} name no module of the mirrored src ` +
      'folder (test/unit/<dir>/<module>[.<aspect>].test.ts tests src/<dir>/<module>.ts; suites over several ' +
      'modules go to test/unit/scenarios/):',
  );
  for (const o of offenders) console.error(`  ${o}`);
  process.exit(1);
}
