// A parsed YAML source file: its text, document and line counter, so any value can be traced back
// to `file:line:col`. Reading is safe (src/io/read-limited.ts: regular files only, a hard byte
// limit, strict UTF-8) and parsing is strict: YAML errors, duplicate keys, unknown tags and alias bombs
// are all reported as positioned problems, never thrown as raw exceptions.
import type { Document, LineCounter } from 'yaml';
import { yamlLib } from '../io/lazy-modules.ts';
import { InputError } from '../io/errors.ts';
import { readTextFile } from '../io/read-limited.ts';
import { MAX_ALIASES, MAX_SCENARIO_BYTES, msg } from './messages.ts';

export interface YamlSource {
  /** Path as the user gave it (relative paths stay relative, for readable messages). */
  file: string;
  doc: Document;
  lineCounter: LineCounter;
  /** The document as plain JS (aliases expanded). */
  value: unknown;
}

export function position(src: YamlSource, offset: number): string {
  const { line, col } = src.lineCounter.linePos(offset);
  return `${src.file}:${line}:${col}`;
}

/**
 * Reads and parses one YAML file; throws InputError listing every problem at once. `file` is the
 * name used in messages; `path` (default: `file`) is where to read it.
 */
export function readYamlSource(file: string, path = file): YamlSource {
  const text = readTextFile(path, file, { maxBytes: MAX_SCENARIO_BYTES, what: 'scenario' });
  const src = parseYamlText(file, text);
  try {
    src.value = src.doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    if (e instanceof ReferenceError) throw new InputError([msg.aliasBomb(`${file}:1:1`)]);
    throw e;
  }
  if (src.value === null || typeof src.value !== 'object' || Array.isArray(src.value)) {
    throw new InputError([msg.notAMap(position(src, src.doc.contents?.range?.[0] ?? 0))]);
  }
  return src;
}

/** Parses YAML (or JSON) text into a positioned source; `value` is left for the caller to fill. */
export function parseYamlText(file: string, text: string): YamlSource {
  const { LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    schema: 'core',
    stringKeys: true,
  });
  const src: YamlSource = { file, doc, lineCounter, value: undefined };
  const problems = [...doc.errors, ...doc.warnings].map((e) => {
    const where = position(src, e.pos[0]);
    const tag = e.code === 'TAG_RESOLVE_FAILED' ? /tag: (\S+)/.exec(e.message)?.[1] : undefined;
    return tag ? msg.unknownTag(where, tag) : `${where}: ${e.message.split('\n')[0]}`;
  });
  if (problems.length) throw new InputError(dedupe(problems));
  return src;
}

/** Every non-finite number (.inf, .nan) in the document, as positioned problems. */
export function nonFiniteProblems(src: YamlSource): string[] {
  const problems: string[] = [];
  yamlLib().visit(src.doc, {
    Scalar(_key, node, path) {
      if (typeof node.value === 'number' && !Number.isFinite(node.value)) {
        const pointer = pointerOf(path, node);
        problems.push(msg.nonFinite(position(src, node.range?.[0] ?? 0), pointer, node.source ?? String(node.value)));
      }
    },
  });
  return problems;
}

function pointerOf(path: readonly unknown[], node: unknown): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const item = path[i] as { items?: unknown[]; key?: unknown; value?: unknown };
    const next = path[i + 1] ?? node;
    if (item && Array.isArray(item.items)) {
      const idx = item.items.indexOf(next);
      if (idx >= 0 && !(next as { key?: unknown }).key) parts.push(String(idx));
    } else if (item && 'key' in item && yamlLib().isScalar(item.key)) {
      parts.push(String(item.key.value));
    }
  }
  return '/' + parts.join('/');
}

export function dedupe(lines: string[]): string[] {
  return [...new Set(lines)];
}
