// One fuzz case, in-process: `validate` (the scenario, its bases and its calibration), then, if it
// accepts, `run` to a result that must be finite and valid against schemas/result.schema.json; if
// it rejects, one problem must point at the mutated node (its file:line:col range), or, for a check
// across fields, name the mutated node's JSON pointer in the same file.
import { InputError } from '../../../src/io/errors.ts';
import { assertFinite } from '../../../src/io/finite.ts';
import { runLoaded } from '../../../src/model/load-and-run.ts';
import { checkRunInputs } from '../../../src/model/run-inputs.ts';
import { resultValidator } from '../../../src/result/schema.ts';
import { loadScenario } from '../../../src/scenario/load.ts';
import type { Mutant } from '../mutants.ts';

export interface Outcome {
  status: 'accepted' | 'rejected' | 'failed';
  detail: string;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const before = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);

/** Does some problem point at the mutated node? */
export function pointsAt(m: Mutant, problems: string[]): boolean {
  const pointer = '/' + m.path.join('/');
  return problems.some((p) => {
    const at = /^(.*?):(\d+):(\d+): /.exec(p);
    if (!at) return false;
    const pos: [number, number] = [Number(at[2]), Number(at[3])];
    const here = at[1] === m.range.file;
    if (here && before(m.range.from, pos) && before(pos, m.range.to)) return true;
    if (here && m.within && before(m.within.from, pos) && before(pos, m.within.to)) return true;
    // (a problem told in a base file, e.g. its events naming a site the mutant renamed, names the pointer)
    // a check across fields names the other field's pointer; a list's items may be named as /list/*/key
    const wild = '/' + m.path.map((s) => (typeof s === 'number' ? '*' : s)).join('/');
    return m.path.length > 0 && [pointer, wild].some((q) => new RegExp(`${escapeRe(q)}([/ ):,"]|$)`).test(p));
  });
}

export function runCase(m: Mutant, cwd = process.cwd()): Outcome {
  let loaded;
  try {
    loaded = loadScenario(m.file, cwd);
    checkRunInputs(loaded, cwd);
  } catch (e) {
    if (!(e instanceof InputError))
      return { status: 'failed', detail: `validate threw: ${(e as Error).stack ?? String(e)}` };
    if (pointsAt(m, e.problems)) return { status: 'rejected', detail: e.problems[0] };
    return {
      status: 'failed',
      detail: `the rejection does not point at the mutated node:\n  ${e.problems.join('\n  ')}`,
    };
  }
  try {
    const result = runLoaded(loaded, { cwd });
    assertFinite(result, 'the result');
    const validate = resultValidator();
    if (!validate(JSON.parse(JSON.stringify(result))))
      return { status: 'failed', detail: `result breaks its schema: ${JSON.stringify(validate.errors?.slice(0, 3))}` };
    return { status: 'accepted', detail: `${result.steps.length} steps` };
  } catch (e) {
    return { status: 'failed', detail: `validate accepted it but run threw: ${(e as Error).stack ?? String(e)}` };
  }
}
