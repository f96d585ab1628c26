// Result shapes the cost, fleet and inference-siting post-processing adds to each step (optional
// fields of StepResult / RunResult in src/model/result.ts). Invariant: every number finite.

export interface CostBreakdown {
  accelerators_usd: number;
  servers_usd: number;
  network_usd: number;
  facility_usd: number;
  maintenance_usd: number;
  energy_usd: number;
  total_usd: number;
  /** energy_usd / total_usd (0 when nothing is spent). */
  energy_share: number;
  it_mw: number;
  facility_mw: number;
  energy_mwh: number;
}

export interface RunCost extends CostBreakdown {
  /** GPUs the target run needs for training_days at the fleet's achieved FLOP/s per GPU. */
  gpus: number;
  days: number;
  accelerator_price_usd: number;
  energy_price_usd_per_mwh: number;
  /** total_usd / target_effective_flop: the capability-equivalent price of compute. */
  usd_per_effective_flop: number;
  /** total_usd / target_flop (physical FLOP). */
  usd_per_flop: number;
}

export interface StepCost {
  /** The frontier run the demand asks for at this step. */
  run: RunCost;
  /** The developer's whole installed fleet for one year at its actual IT load. */
  fleet_per_year: CostBreakdown & { gpus: number };
}

export interface InferenceUsersStep {
  name: string;
  demand_share: number;
  /** Fiber distance within which a site meets the latency budget. */
  radius_km: number;
  sites_in_reach: string[];
  servable_gpus: number;
  needed_gpus: number;
  headroom: number;
  /** Fiber distance to each site by name (null: not connected); absent in results before issue 15. */
  distance_km?: Record<string, number | null>;
}

export interface InferenceStep {
  latency_budget_ms: number;
  /** Inference GPUs at sites some user population can reach within the budget, counted once. */
  servable_gpus: number;
  /** Real-time share of the inference fleet (the demand the product puts on the fleet). */
  needed_gpus: number;
  /** Least servable / needed over user populations (1e9 cap when nothing is needed). */
  headroom: number;
  users: InferenceUsersStep[];
  /** The round trip's parts, so servable capacity can be read at any budget (absent before issue 15). */
  path?: {
    fiber_us_per_km: number;
    route_factor: number;
    hops: number;
    hop_latency_us: number;
    server_time_ms: number;
  };
  /** Inference accelerators per site (absent before issue 15). */
  sites?: { name: string; inference_gpus: number }[];
}
