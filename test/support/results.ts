// The results file every test stage writes, so test/run.mjs can print one total line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface StageResults {
  stage: string;
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
  durationMs: number;
}

export function writeResults(file: string | undefined, results: StageResults): void {
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(results, null, 2));
}
