// Defaults for every model parameter a scenario may leave out, each with its source. Scenario
// files repeat the important ones with their own comments; these make a minimal scenario runnable.
// Tags as in shared/reference/infrastructure.md: Q quoted, P paraphrased, R recall, E derived.

export const DEFAULTS = {
  demand: {
    training_days: 100, // ~100-day 2024 frontier runs (Epoch AI, "Can AI Scaling Continue Through 2030?", 2024; P)
    training_days_growth_per_year: 1, // flat unless the scenario says (Epoch/EPRI 2025 see 1.1-1.2x; P)
    max_training_days: 365, // "for a year" (Epoch AI 2024 summaries; P)
  },
  // A dense Llama-3.1-405B shape (Meta, "The Llama 3 Herd of Models", 2024; Q): 126 layers,
  // 128 heads, 8 KV heads, FFN 53,248 / d 16,384 = 3.25, vocab 128,256, context 8,192.
  model: {
    layers: 126,
    moe_layers: 0,
    heads: 128,
    kv_heads: 8,
    routed_experts: 0,
    top_k: 0,
    shared_experts: 0,
    expert_ffn_ratio: 3.25,
    dense_ffn_ratio: 3.25,
    vocab: 128256,
    context_tokens: 8192,
    head_dim_ratio: 1, // head_dim = d_model / heads (Llama 3.1 405B: 16,384 / 128 = 128; Q)
    bytes_per_weight: 2, // BF16
    bytes_per_activation: 2, // BF16
    micro_batch_tokens_per_gpu: 16384, // 2 x 8,192-token sequences per micro-batch (E)
    critical_batch_tokens: 16_000_000, // Llama 3 405B final batch 16M tokens (Meta 2024; Q)
    critical_batch_law: 'kaplan_chinchilla' as 'kaplan_chinchilla' | 'deepseek_llm' | 'fixed', // see src/walls/critical-batch.ts
  },
  // How an MoE family's routing reaches the walls when neither the scenario nor the family's
  // catalog entry (src/scenario/families.ts) says.
  moe: {
    learned_skew: 'sourced' as 'sourced' | 'measured' | number, // the published value for the balancing method (src/workload/imbalance-law.ts)
    capacity_factor: 0, // dropless: DeepSeek-V3 "does not drop any tokens" in training or inference (arXiv:2412.19437 2.1.2; Q)
    overflow: 'reroute' as 'reroute' | 'drop', // backup expert (Capacity-Aware Inference, arXiv:2503.05066: Expanded Drop / Token Reroute; P)
    ep_devices: 64, // DeepSeek-V3 trains with 64-way EP over 8 nodes (arXiv:2412.19437 3.2; Q)
    node_limit: 0, // 0: no node limit (DeepSeek-V3 limits a token to 4 nodes: its catalog entry)
    dispatch_bytes_per_element: 2, // BF16 (assumption when the family publishes no FP8 dispatch)
    combine_bytes_per_element: 2, // BF16 (DeepEP combine: num_bf16_bytes = hidden * 2; P)
    shared_placement: 'local' as 'local' | 'routed', // shared experts run where the token is (DeepSeek Day-6 deployment; P)
    balancing: 'aux_loss' as 'loss_free' | 'aux_loss', // assumption: an auxiliary balancing loss (Switch, GShard, Qwen3) unless the family says
  },
  compute: {
    // compute.mfu has no default: absent, the step model derives it every step (src/workload/step).
    run_share: 0.67, // 16,384 of a 24k-GPU cluster (Meta 2024; Q)
    gpu_supply_per_year: 400_000, // ~25% of 1.5-2M H100s shipped in 2024 (Epoch AI 2024; P, E)
    gpu_supply_growth_per_year: 1.65, // 100M H100e by 2030 (Epoch AI 2024 median; E)
    retirement_years: 5, // hyperscaler server depreciation 5-6 years (company filings; R)
    inference_share: 0.4, // assumption: no published split of 2025 AI compute
    inference_share_growth_per_year: 1, // assumption: flat unless the scenario models test-time compute
    max_inference_share: 0.9, // assumption
    training_precision: 'bf16' as 'bf16' | 'fp8' | 'fp4', // Llama 3.1 405B trained in BF16 (Meta 2024; Q)
  },
  memory: {
    hbm_supply_tb_per_year: 48_000, // 400k GPUs x ~120 GB (E)
    hbm_supply_growth_per_year: 1.6, // HBM demand ~60%/yr (SK hynix CEO, 2024; Q)
    training_state_bytes_per_param: 16, // mixed-precision Adam (Rajbhandari et al., ZeRO, 2020; R)
    hbm_usable_fraction: 0.9, // assumption: ~10% for runtime and fragmentation
  },
  network: {
    hop_latency_us: 4, // IB across racks 3-5 us (ttsugriy, distributed-training-book, alpha-beta; Q)
    kernel_latency_us: 4.5, // CUDA kernel launch ~4-6 us per submission (susun-blog pegainfer 2025; Q, /work/notes/research-walls.md 1c)
    scale_up_latency_us: 1, // NVLink ~1 us (same; Q)
    fiber_us_per_km: 4.9, // n = 1.468 (mapyourtech.com; Q)
    overlap_fraction: 0.9, // assumption: DualPipe-style overlap (DeepSeek-V3 report, 2024; P)
    collective_efficiency: 0.9, // IB efficiency 0.9 (Calculon a100_80g.json; Q)
    inter_site_gbit_per_s: 100_000, // assumption: 100 Tb/s leased between campuses
    inference_latency_budget_ms: 20, // real-time round trip budget (issue 8 example)
  },
  power: {
    it_overhead: 1.82, // DGX H100 10.2 kW per 8 x 700 W GPUs (NVIDIA; P)
    utilization_of_tdp: 1, // plan for TDP (conservative)
    grid_order_mw: 100, // assumption: smallest transmission-scale connection worth queueing for
  },
  cooling: {
    technologies: {
      air: { max_kw_per_rack: 30, pue: 1.58 }, // ~30 kW/rack (dcxps; P); PUE 1.58 (Uptime Institute 2023; Q)
      rear_door: { max_kw_per_rack: 50, pue: 1.4 }, // 40-60 kW/rack (dcxps; P); PUE assumption
      direct_liquid: { max_kw_per_rack: 200, pue: 1.15 }, // 140-200 kW next gen (coolnetpower; P); PUE 1.1-1.2 (Uptime 2024; P)
      immersion: { max_kw_per_rack: 300, pue: 1.05 }, // 200-350 kW (michaelbommarito; P); PUE assumption
    },
    retrofit_to: 'direct_liquid' as const,
  },
  data: {
    stock_tokens: 3e14, // 300T effective tokens (Villalobos et al., ICML 2024; Q)
    stock_kind: 'effective' as 'effective' | 'raw', // Villalobos et al.'s 300T already counts multi-epoch use (Q)
    stock_growth_per_year: 1, // assumption: the indexed stock grows slowly against 4x/yr demand
    max_epochs: 4, // negligible loss from up to 4 epochs (Muennighoff et al., NeurIPS 2023; Q)
    tokens_per_param: 20, // Chinchilla (Hoffmann et al. 2022; Q)
    synthetic_tokens_per_year: 0,
    synthetic_growth_per_year: 1,
    synthetic_quality: 0.5, // assumption
  },
  algorithms: {
    halving_years: 0.667, // 8 months, 95% CI 5-14 (Ho et al., "Algorithmic progress in language models", 2024; Q)
    halving_slowdown_per_year: 0,
    max_gain: Number.MAX_VALUE, // no ceiling unless the scenario sets one
  },
  planner: {
    lookahead_years: 3, // assumption: capex commitments ~3 years ahead
    review_every_years: 0.25, // quarterly capex reviews (E: a common planning cadence)
    lead_times: {
      grid: { median_years: 5, p90_years: 10 }, // LBNL Queued Up 2024 (Q); up to 10 yr (EPRI 2026; P)
      onsite_generation: { median_years: 3, p90_years: 5 }, // "at least 3 years from permit" (Epoch AI 2024; P)
      cooling_retrofit: { median_years: 1.5, p90_years: 2 }, // no sourced figure; 1-2 yr (infrastructure.md gaps)
      gpu_delivery: { median_years: 0.5, p90_years: 1 }, // assumption: two quarters from order to racks
      hbm_capacity: { median_years: 1, p90_years: 2 }, // HBM sold out a year ahead (SK hynix/Micron 2024; Q)
      // chiller compressors and controls 12-18 months (DCD via factorytechnews, 2025; P)
      cooling_plant: { median_years: 1.25, p90_years: 1.75 },
      // construction start to 1 GW in 1-3.6 years (Epoch AI, data-centers-buildout-speeds, 2025; Q); land and
      // permits before that: assumption of ~1 year more
      site_acquisition: { median_years: 2.5, p90_years: 4.5 },
    },
  },
  // A campus the planner acquires when the scenario does not describe one: Stargate Abilene started
  // at 240 MW and grows to 1.2 GW (Epoch AI, "Could decentralized training solve AI's power problem?",
  // 2025; Q); 300 km apart, like baseline-2025's second campus (assumption).
  new_site: { first_grid_mw: 240, max_grid_mw: 1200, distance_km: 300 },
  // Muennighoff et al. 2023 fitted R_D* (repetitions after which extra epochs lose value); R (recall).
  repeat_half_life_epochs: 15.4,
  // Accelerators per rack when the catalog does not say: two 8-GPU nodes (DGX H100: 10.2 kW per
  // node, so ~20 kW per rack, within air cooling's ~30 kW; NVIDIA DGX H100 spec; P).
  gpus_per_rack: 16,
} as const;
