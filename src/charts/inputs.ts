// Inputs of the charts that do not come from a RunResult: the roofline (accelerator catalog plus
// workload points) and the router load (from a micro-MoE calibration), and the scenario's key
// inputs shown in the report. Small interfaces of our own, so a calibration adapts in a few lines.
// Invariant: every number finite and > 0 where a log scale draws it.
import type { Scenario } from '../scenario/load.ts';
import type { RunResult } from '../result/types.ts';
import { formatYear } from './tidy.ts';

export interface RooflineInput {
  accelerators: { name: string; peak_flop_per_s: number; hbm_bytes_per_s: number }[];
  /** The workload's operating points (by batch size) on the arithmetic-intensity axis. */
  points: { batch_tokens: number; arithmetic_intensity: number; label: string }[];
}

export interface RouterLoadInput {
  /** Tokens routed to each expert in one routing batch. */
  experts: { expert: number; tokens: number }[];
  /** max / mean tokens per expert (1 = perfectly balanced). */
  imbalance: number;
  /** What routed them, e.g. "top-2, capacity factor 1.25". */
  mechanism: string;
}

/** Accelerators of the scenario's hardware catalog: TFLOP/s and TB/s converted to FLOP/s and B/s. */
export function acceleratorsFromScenario(scenario: Scenario): RooflineInput['accelerators'] {
  return scenario.hardware.map((h) => ({
    name: h.name,
    peak_flop_per_s: h.bf16_tflops * 1e12,
    hbm_bytes_per_s: h.hbm_tb_per_s * 1e12,
  }));
}

/**
 * Workload points when no calibration is given: the model's arithmetic intensity at the run's
 * micro-batch over the horizon. A new point starts only where the intensity has moved by at least
 * 2x from the last one kept (so labels on the log axis never collide); labelled "model from <year>".
 */
export function pointsFromResult(result: RunResult, batch_tokens: number): RooflineInput['points'] {
  const kept: { ai: number; year: number }[] = [];
  for (const s of result.steps) {
    const ai = s.quantities.arithmetic_intensity_flop_per_byte;
    const last = kept[kept.length - 1];
    if (ai > 0 && (!last || Math.abs(Math.log2(ai / last.ai)) >= 1)) kept.push({ ai, year: s.year });
  }
  return kept.map(({ ai, year }) => ({
    batch_tokens,
    arithmetic_intensity: ai,
    label: `model from ${formatYear(year)}`,
  }));
}

export interface KeyInput {
  label: string;
  value: string;
}

/** The scenario inputs a reader needs to judge the verdict, as label/value pairs with units. */
export function keyInputs(scenario: Scenario): KeyInput[] {
  const d = scenario.demand;
  const sites = scenario.sites.map((s) => `${s.name} (${s.grid_mw} MW grid, ${s.cooling?.technology ?? 'air'})`);
  const rows: KeyInput[] = [
    {
      label: 'Horizon',
      value: `${scenario.horizon.start_year}-${scenario.horizon.end_year}, step ${scenario.horizon.step_years} yr`,
    },
    { label: 'Frontier run at start', value: `${d.frontier_run_flop.toExponential(2)} FLOP` },
    { label: 'Demand growth (effective compute)', value: `${d.growth_per_year}x per year` },
    { label: 'Training duration', value: `${d.training_days ?? '-'} days at start` },
    {
      label: 'Accelerators',
      value: scenario.hardware
        .map((h) => `${h.name} (${h.first_year}, ${h.bf16_tflops} TFLOP/s, ${h.hbm_tb_per_s} TB/s, ${h.tdp_w} W)`)
        .join('; '),
    },
    { label: 'Sites', value: sites.join('; ') },
  ];
  if (scenario.model)
    rows.push({
      label: 'Model',
      value: `${scenario.model.layers ?? '-'} layers, ${scenario.model.routed_experts ?? 0} routed experts, top-${scenario.model.top_k ?? '-'}`,
    });
  return rows;
}
