// Seeded scenario mutants, generated from the schema: each is one change to a shipped scenario (a
// value swapped for a wrong type or an extreme number, a key deleted, an unknown key added, an
// absent schema field added with an extreme value, or a file reference pointed at a special file).
// The mutant records the file:line:col range of the node it changed, so a rejection can be checked
// to point at it. Invariant: the same (seed, index) gives the same mutant.
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { RandomStreams } from '../../src/engine/rng.ts';
import { extremes, instanceOf, isNumeric, propertiesAt, schemaAt } from './schema-walk.ts';

export type MutationKind = 'extreme' | 'type' | 'delete' | 'unknown-key' | 'add-field' | 'special-file';

export interface Mutant {
  index: number;
  base: string;
  kind: MutationKind;
  /** JSON path of the changed node (for a deletion: the map that lost a key). */
  path: (string | number)[];
  description: string;
  /** The scenario file to validate and run. */
  file: string;
  /** Where the change is: file, 1-based line/col of its start and end (inclusive range of the node). */
  range: { file: string; from: [number, number]; to: [number, number] };
  /** A change inside a distribution (`{dist: ...}`, `{choice: ...}`) may be told at the whole distribution. */
  within?: { from: [number, number]; to: [number, number] };
}

const SCENARIOS = 'scenarios';
const WRONG_TYPES: unknown[] = ['text', true, null, [], {}, '1e3', [1, 2]];

/** Special files a scenario may name (created once in `dir`): missing, folder, FIFO, huge, bad UTF-8, device. */
export function specialFiles(dir: string): string[] {
  mkdirSync(path.join(dir, 'a-folder'), { recursive: true });
  const huge = path.join(dir, 'huge.yaml');
  if (!existsSync(huge)) {
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 2 ** 31); // sparse: claims 2 GiB
    closeSync(fd);
  }
  writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
  const files = [
    '/dev/zero',
    path.join(dir, 'missing.yaml'),
    path.join(dir, 'a-folder'),
    huge,
    path.join(dir, 'latin1.yaml'),
  ];
  try {
    if (!existsSync(path.join(dir, 'fifo.yaml')))
      execFileSync('mkfifo', [path.join(dir, 'fifo.yaml')], { stdio: 'ignore' });
    files.push(path.join(dir, 'fifo.yaml'));
  } catch {
    /* no mkfifo: FIFOs are covered by test/io */
  }
  return files;
}

interface Site {
  path: (string | number)[];
  node: Node;
}

function sites(doc: Document): Site[] {
  const out: Site[] = [];
  visit(doc, {
    Node(key, node, ancestors) {
      if (key === 'key') return; // a map key: its value is the site
      const p: (string | number)[] = [];
      let prev: unknown = null;
      for (const a of [...ancestors, node]) {
        if (prev && isMap(prev)) {
          const pair = prev.items.find((it) => it === a);
          if (pair && isScalar(pair.key)) p.push(String(pair.key.value));
        } else if (prev && isSeq(prev)) p.push(prev.items.indexOf(a as Node));
        prev = a;
      }
      if (!isMap(node) && !isSeq(node) && !isScalar(node)) return;
      out.push({ path: p, node });
    },
  });
  return out.filter((s) => s.path.length > 0);
}

function absolutize(doc: Document, baseDir: string): void {
  for (const key of ['extends', 'calibration']) {
    const v = doc.get(key);
    if (typeof v === 'string' && v !== 'analytic' && !path.isAbsolute(v)) doc.set(key, path.resolve(baseDir, v));
  }
}

function pick<T>(rng: { next(): number }, list: T[]): T {
  return list[Math.floor(rng.next() * list.length)];
}

export class MutantGenerator {
  private readonly bases: { file: string; text: string }[];
  private readonly special: string[];

  constructor(
    private readonly seed: number,
    private readonly dir: string,
    exclude: string[] = [],
  ) {
    this.bases = readdirSync(SCENARIOS)
      .filter((f) => f.endsWith('.yaml') && !exclude.includes(f))
      .sort()
      .map((f) => ({ file: path.join(SCENARIOS, f), text: readFileSync(path.join(SCENARIOS, f), 'utf8') }));
    this.special = specialFiles(dir);
  }

  mutant(index: number): Mutant {
    const rng = new RandomStreams(this.seed).forSample(index).get('fuzz');
    const base = pick(rng, this.bases);
    const doc = parseDocument(base.text);
    absolutize(doc, path.dirname(path.resolve(base.file)));
    const kind = pick(rng, [
      'extreme',
      'extreme',
      'extreme',
      'type',
      'delete',
      'unknown-key',
      'add-field',
      'special-file',
    ] as MutationKind[]);
    const all = sites(doc);
    let target: (string | number)[] = [];
    let description = '';
    let replace: unknown;
    switch (kind) {
      case 'extreme': {
        const numeric = all.filter((s) => isScalar(s.node) && typeof s.node.value === 'number');
        const s = pick(rng, numeric);
        const schema = schemaAt(s.path);
        replace = pick(rng, schema && isNumeric(schema) ? extremes(schema) : [0, -1, 1e308, 5e-324]);
        target = s.path;
        description = `${target.join('.')}: ${String(replace)}`;
        doc.setIn(target, doc.createNode(replace));
        break;
      }
      case 'type': {
        const s = pick(rng, all);
        replace = pick(rng, WRONG_TYPES);
        target = s.path;
        description = `${target.join('.')}: ${JSON.stringify(replace)}`;
        doc.setIn(target, doc.createNode(replace));
        break;
      }
      case 'delete': {
        const s = pick(rng, all);
        target = s.path; // a deletion is told at its parent map, or by its path (a base's value shows through)
        description = `delete ${s.path.join('.')}`;
        doc.deleteIn(s.path);
        break;
      }
      case 'unknown-key': {
        const maps = all.filter((s) => isMap(s.node));
        const s = maps.length && rng.next() < 0.8 ? pick(rng, maps) : { path: [] as (string | number)[] };
        target = [...s.path, 'zz_unknown_key'];
        description = `add ${target.join('.')}`;
        doc.setIn(target, 1);
        break;
      }
      case 'add-field': {
        // any absent field of any map (the top level too), its value built from the schema
        const maps = [
          { path: [] as (string | number)[], node: doc.contents as Node },
          ...all.filter((s) => isMap(s.node)),
        ];
        const s = pick(rng, maps);
        const absent = propertiesAt(s.path).filter((k) => !(doc.getIn([...s.path, k], true) as Node | undefined));
        if (!absent.length) return this.mutant(index + 1_000_003); // nothing to add here: another draw
        const key = pick(rng, absent);
        target = [...s.path, key];
        const schema = schemaAt(target);
        replace = isNumeric(schema) ? pick(rng, extremes(schema!)) : instanceOf(schema, rng);
        description = `add ${target.join('.')}: ${JSON.stringify(replace)}`;
        doc.setIn(target, doc.createNode(replace));
        break;
      }
      case 'special-file': {
        const file = pick(rng, this.special);
        const where = pick(rng, ['scenario', 'extends', 'calibration']);
        if (where === 'scenario')
          return {
            index,
            base: base.file,
            kind,
            path: [],
            description: `the scenario is ${file}`,
            file,
            range: { file, from: [1, 1], to: [Number.MAX_SAFE_INTEGER, 1] }, // the whole file
          };
        target = [where];
        description = `${where}: ${file}`;
        doc.set(where, file);
        break;
      }
    }
    return this.write(index, base.file, kind, target, description, doc);
  }

  private write(
    index: number,
    base: string,
    kind: MutationKind,
    target: (string | number)[],
    description: string,
    doc: Document,
  ): Mutant {
    const text = doc.toString({ lineWidth: 0 });
    const file = path.join(this.dir, `mutant-${index}.yaml`);
    writeFileSync(file, text);
    const counter = new LineCounter();
    const parsed = parseDocument(text, { lineCounter: counter });
    let node = (target.length ? parsed.getIn(target, true) : parsed.contents) as Node | undefined;
    if (kind === 'unknown-key') {
      const parent = (target.length > 1 ? parsed.getIn(target.slice(0, -1), true) : parsed.contents) as Node;
      const pair = isMap(parent)
        ? parent.items.find((p) => isScalar(p.key) && p.key.value === target[target.length - 1])
        : undefined;
      const key = pair?.key as Node | undefined;
      const value = pair?.value as Node | undefined;
      // the new key and its value: a problem may be told at either
      node = key?.range && value?.range ? ({ range: [key.range[0], value.range[1], value.range[2]] } as Node) : parent;
    }
    if (kind === 'delete')
      node = (target.length > 1 ? parsed.getIn(target.slice(0, -1), true) : parsed.contents) as Node;
    const span = (n: Node | undefined) => {
      const r = n?.range ?? [0, 0, 0];
      const a = counter.linePos(r[0]);
      const b = counter.linePos(Math.max(r[0], r[1] - 1));
      return { from: [a.line, a.col] as [number, number], to: [b.line, b.col] as [number, number] };
    };
    let within: Mutant['within'];
    for (let k = target.length - 1; k > 0 && !within; k--) {
      const anc = parsed.getIn(target.slice(0, k), true) as Node | undefined;
      if (isMap(anc) && (anc.has('dist') || anc.has('choice'))) within = span(anc);
    }
    return {
      index,
      base,
      kind,
      path: target,
      description,
      file,
      range: { file, ...span(node) },
      ...(within ? { within } : {}),
    };
  }
}
