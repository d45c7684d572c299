// Writes package.json's entries of the WorkSpace action commands from the action table
// (src/core/actionTable.ts, through src/core/manifest.ts): `npm run manifest`. With --check it
// writes nothing and fails (exit 1, the differing lines) when package.json is not what the table
// generates: the static stage of test/run.mjs runs it so.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateManifest, manifestDiff, manifestText, type Manifest } from '../../src/core/manifest';

const file = join(__dirname, '..', '..', '..', 'package.json');
const text = readFileSync(file, 'utf8');
const diff = manifestDiff(text);
if (process.argv.includes('--check')) {
  if (diff.length > 0) {
    console.error(`package.json differs from the action table (src/core/actionTable.ts); run \`npm run manifest\`:`);
    for (const line of diff) console.error(`  ${line}`);
    process.exit(1);
  }
} else if (diff.length > 0) {
  writeFileSync(file, manifestText(generateManifest(JSON.parse(text) as Manifest)));
  console.log(`package.json: the action commands' entries written from src/core/actionTable.ts`);
} else {
  console.log('package.json is up to date with src/core/actionTable.ts');
}
