// A plan written as text, `tp=8,pp=16,dp=128,schedule=interleaved,chunks=4`, as the CLI takes it.
// Keys are the Plan's fields, with short aliases (mbs, gbs, sp); unknown keys and bad values are
// user errors naming the key. Invariant: formatPlanSpec(parsePlanSpec(s)) parses back to the same plan.
import { UsageError } from '../../io/errors.ts';
import { isPrecision } from './cluster.ts';
import { CP_KINDS } from './cp.ts';
import { ATTENTION_KERNELS, makePlan, RECOMPUTE, SCHEDULES, type Plan } from './plan.ts';

const INTEGER = ['tp', 'pp', 'dp', 'cp', 'ep', 'micro_batch', 'global_batch', 'chunks', 'comm_sms'] as const;
const ALIASES: Record<string, string> = {
  mbs: 'micro_batch',
  gbs: 'global_batch',
  sp: 'sequence_parallel',
  attention: 'attention_kernel',
  cp_comm: 'cp_kind',
};

function oneOf<T extends string>(key: string, raw: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(raw))
    throw new UsageError(`--plan ${key} must be one of ${allowed.join(', ')} (got "${raw}")`);
  return raw as T;
}

/** Parse `key=value,...` over `base` (fields not named keep base's values); dp defaults to what `gpus` leave. */
export function parsePlanSpec(spec: string, base: Partial<Plan>, gpus?: number): Plan {
  const out: Record<string, unknown> = { ...base };
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new UsageError(`--plan expects key=value pairs separated by commas (got "${part}")`);
    const raw = part.slice(eq + 1).trim();
    const key = ALIASES[part.slice(0, eq).trim()] ?? part.slice(0, eq).trim();
    if ((INTEGER as readonly string[]).includes(key)) {
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n))
        throw new UsageError(`--plan ${key} must be a whole number (got "${raw}")`);
      out[key] = n;
    } else if (key === 'zero') out.zero = Number(oneOf('zero', raw, ['0', '1', '2', '3']));
    else if (key === 'schedule') out.schedule = oneOf(key, raw, SCHEDULES);
    else if (key === 'recompute') out.recompute = oneOf(key, raw, RECOMPUTE);
    else if (key === 'attention_kernel') out.attention_kernel = oneOf(key, raw, ATTENTION_KERNELS);
    else if (key === 'cp_kind') out.cp_kind = oneOf(key, raw, CP_KINDS);
    else if (key === 'sequence_parallel')
      out.sequence_parallel = oneOf(key, raw, ['0', '1', 'true', 'false']) === '1' || raw === 'true';
    else if (key === 'precision') {
      if (!isPrecision(raw)) throw new UsageError(`--plan precision must be bf16, fp8 or fp4 (got "${raw}")`);
      out.precision = raw;
    } else if (key === 'tp_overlap') {
      const x = Number(raw);
      if (!(x >= 0 && x <= 1)) throw new UsageError(`--plan tp_overlap must be in [0, 1] (got "${raw}")`);
      out.tp_overlap = x;
    } else throw new UsageError(`--plan: unknown key "${key}"`);
  }
  const rest = gpus !== undefined ? gpus / ((out.tp as number) * (out.pp as number) * ((out.cp as number) ?? 1)) : NaN;
  if (out.dp === undefined && Number.isInteger(rest) && rest >= 1) out.dp = rest;
  for (const k of ['tp', 'pp', 'dp', 'global_batch'] as const)
    if (out[k] === undefined) throw new UsageError(`--plan must give ${k}`);
  return makePlan(out as Parameters<typeof makePlan>[0]);
}

/** The plan as `key=value,...` (every field but the optimizer). */
export function formatPlanSpec(p: Plan): string {
  return [
    `tp=${p.tp}`,
    `pp=${p.pp}`,
    `dp=${p.dp}`,
    `cp=${p.cp}`,
    `ep=${p.ep}`,
    `mbs=${p.micro_batch}`,
    `gbs=${p.global_batch}`,
    `schedule=${p.schedule}`,
    `chunks=${p.chunks}`,
    `recompute=${p.recompute}`,
    `zero=${p.zero}`,
    `sp=${p.sequence_parallel ? 1 : 0}`,
    `precision=${p.precision}`,
    `attention=${p.attention_kernel}`,
    `cp_comm=${p.cp_kind}`,
    `tp_overlap=${p.tp_overlap}`,
    `comm_sms=${p.comm_sms}`,
  ].join(',');
}
