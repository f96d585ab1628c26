// SimPy for `npm run bench -- engine --vs-simpy`: a Python with SimPy installed, either given
// (`--simpy-python`) or a scratch virtual environment in the temp folder where
// `python -m pip install simpy` is tried, and one run of bench/simpy_engine.py in it.
// Invariant: nothing here throws for a missing SimPy; it returns the reason (no Python, no venv,
// PyPI unreachable...), so the caller can say so and fall back to the stored figure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type SimpySetup = { ok: true; python: string; how: string } | { ok: false; reason: string };

export interface SimpyRun {
  simpy_version: string;
  python: string;
  events: number;
  events_per_s: number;
  best_events_per_s: number;
  cpu_events_per_s: number;
  sim_end_time: number;
}

const SCRIPT = fileURLToPath(new URL('./simpy_engine.py', import.meta.url));
const VENV = join(tmpdir(), 'firstwall-bench-simpy');
const PIP_TIMEOUT_MS = 180_000; // pip's own retries are cut to one below; this bounds a hung index
const RUN_TIMEOUT_MS = 900_000; // SimPy runs the workload at ~0.4M events/s: minutes at most

function sh(cmd: string, args: string[], timeout: number) {
  return spawnSync(cmd, args, { encoding: 'utf8', timeout, env: process.env });
}

/** The last non-empty line of a command's output: pip's and Python's errors end there. */
function lastLine(text: string | null | undefined): string {
  const lines = (text ?? '').split('\n').filter((l) => l.trim() !== '');
  return lines.length > 0 ? lines[lines.length - 1].trim() : '(no output)';
}

function hasSimpy(python: string): boolean {
  return sh(python, ['-c', 'import simpy'], 60_000).status === 0;
}

/** A Python that imports simpy, or why there is none. */
export function prepareSimpy(python?: string): SimpySetup {
  if (python !== undefined) {
    return hasSimpy(python)
      ? { ok: true, python, how: `--simpy-python ${python}` }
      : { ok: false, reason: `${python} cannot import simpy` };
  }
  const venvPython = join(VENV, 'bin', 'python');
  if (existsSync(venvPython) && hasSimpy(venvPython)) return { ok: true, python: venvPython, how: `venv ${VENV}` };
  const venv = sh('python3', ['-m', 'venv', VENV], 120_000);
  if (venv.status !== 0) {
    return { ok: false, reason: `python3 -m venv failed: ${venv.error?.message ?? lastLine(venv.stderr)}` };
  }
  const pip = sh(
    venvPython,
    ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--retries', '1', '--timeout', '15', 'simpy'],
    PIP_TIMEOUT_MS,
  );
  if (pip.status !== 0) {
    const out = `${pip.stdout ?? ''}\n${pip.stderr ?? ''}`;
    const offline =
      /Failed to establish a new connection|Name or service not known|Temporary failure in name resolution|No matching distribution/.test(
        out,
      );
    const why = offline ? 'PyPI is unreachable from this machine' : 'pip install simpy failed';
    return { ok: false, reason: `${why} (${pip.error?.message ?? lastLine(pip.stderr)})` };
  }
  return hasSimpy(venvPython)
    ? { ok: true, python: venvPython, how: `venv ${VENV} (pip install simpy)` }
    : { ok: false, reason: 'simpy installed but cannot be imported' };
}

/** One run of the workload on SimPy (`repeats` timed runs inside Python). */
export function runSimpy(python: string, processes: number, steps: number, repeats: number): SimpyRun {
  const args = [SCRIPT, '--processes', `${processes}`, '--steps', `${steps}`, '--repeats', `${repeats}`];
  const r = sh(python, [...args, '--warmup', '0'], RUN_TIMEOUT_MS);
  if (r.status !== 0) throw new Error(`SimPy run failed: ${r.error?.message ?? lastLine(r.stderr)}`);
  return JSON.parse(lastLine(r.stdout)) as SimpyRun;
}
