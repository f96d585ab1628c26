// The generated blocks of README.md: real output of real commands, so the worked example can never
// go stale. A block sits between `<!-- generated:ID -->` and `<!-- end generated:ID -->`; the text
// around it is written by hand. Invariant: every marker in the README has a block here and back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';

/** What a command prints (stdout then stderr), run in-process as the CLI would. */
export async function commandOutput(argv: string[], cwd: string): Promise<string> {
  let out = '';
  const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (out += t), cwd, env: {}, isTTY: false });
  if (code !== 0) throw new Error(`firstwall ${argv.join(' ')} exited ${code}:\n${out}`);
  return out.trimEnd();
}

/** Drops table rows after `lastYear` (each table keeps its head and a `...` line); a dropped row's
 * indented continuation lines go with it. */
export function upToYear(text: string, lastYear: number): string {
  const out: string[] = [];
  let cut = false;
  for (const line of text.split('\n')) {
    if (cut && /^\s+\S/.test(line)) continue;
    const year = /^(\d{4}) /.exec(line);
    if (year && Number(year[1]) > lastYear) {
      if (!cut) out.push('...');
      cut = true;
      continue;
    }
    cut = false;
    out.push(line);
  }
  return out.join('\n');
}

const fence = (lang: string, body: string) => ['```' + lang, body, '```'].join('\n');

export const EXAMPLE_SCENARIO = 'examples/my-campus.yaml';

export async function readmeBlocks(root: string): Promise<Map<string, string>> {
  const run = await commandOutput(['run', 'scenarios/baseline-2025.yaml'], root);
  const mine = await commandOutput(['run', EXAMPLE_SCENARIO, '--draws', '0'], root);
  const firstWall = mine.split('\n').find((l) => l.startsWith('First wall:') || l.startsWith('No wall binds'));
  return new Map([
    ['run-baseline', fence('text', `$ npx firstwall run scenarios/baseline-2025.yaml\n${upToYear(run, 2030)}`)],
    [
      'example-scenario',
      [
        fence('yaml', readFileSync(join(root, EXAMPLE_SCENARIO), 'utf8').trimEnd()),
        '',
        `\`npx firstwall run ${EXAMPLE_SCENARIO}\` ends with:`,
        '',
        fence('text', firstWall ?? ''),
      ].join('\n'),
    ],
  ]);
}

const MARK = /<!-- generated:([a-z0-9-]+) -->\n[\s\S]*?<!-- end generated:\1 -->/g;

/** The text with each generated block replaced by its new content; every marker must have one. */
export function fillBlocks(text: string, blocks: Map<string, string>): string {
  const seen = new Set<string>();
  const out = text.replace(MARK, (_m, id: string) => {
    const body = blocks.get(id);
    if (body === undefined) throw new Error(`README.md has a generated block "${id}" that no generator writes`);
    seen.add(id);
    return `<!-- generated:${id} -->\n${body}\n<!-- end generated:${id} -->`;
  });
  const missing = [...blocks.keys()].filter((id) => !seen.has(id));
  if (missing.length) throw new Error(`README.md lacks the generated block(s) ${missing.join(', ')}`);
  return out;
}
