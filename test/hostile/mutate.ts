// Test helper: one change to a shipped scenario, written to a temp file, and the position of the
// changed node (so a test can demand that the rejection points at it).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { LineCounter, parseDocument, type Node } from 'yaml';

const dir = mkdtempSync(join(tmpdir(), 'fw-mutant-'));
let n = 0;

export interface Mutant {
  file: string;
  /** `file:line:col` of the changed node (its value). */
  where: string;
}

/** `base` with the value at `path` set to `value` (the YAML text keeps every other line as it was). */
export function mutate(base: string, path: (string | number)[], value: unknown): Mutant {
  const doc = parseDocument(readFileSync(base, 'utf8'));
  doc.setIn(path, doc.createNode(value));
  const text = doc.toString({ lineWidth: 0 });
  const file = join(dir, `m${n++}.yaml`);
  writeFileSync(
    file,
    text.replace(/^extends: (.*)$/m, (_m, p: string) => `extends: ${resolve(dirname(base), p)}`),
  );
  const counter = new LineCounter();
  const parsed = parseDocument(text, { lineCounter: counter });
  const node = parsed.getIn(path, true) as Node | undefined;
  const { line, col } = counter.linePos(node?.range?.[0] ?? 0);
  return { file, where: `${file}:${line}:${col}` };
}
