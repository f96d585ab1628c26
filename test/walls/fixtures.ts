// Hand-sized wall inputs: one H100-class accelerator (989 TFLOP/s BF16, 80 GB at 3.35 TB/s, 1,275 W
// IT in service as DGX H100: 10.2 kW / 8), sustained at a fixed 40% of peak, no exposed
// communication, 100 days, the whole fleet for the run. Tests override what they check.
import type { AcceleratorSpec } from '../../src/params/params.ts';
import type { WallInputs } from '../../src/walls/inputs.ts';

export const H100: AcceleratorSpec = {
  name: 'H100',
  first_year: 2022,
  peak_flop_per_s: 989e12,
  peak_by_precision: { bf16: 989e12, fp8: 1979e12, fp4: 1979e12 },
  hbm_bytes: 80e9,
  hbm_bytes_per_s: 3.35e12,
  tdp_w: 700,
  scale_up_bytes_per_s: 900e9,
  scale_out_bytes_per_s: 50e9,
  scale_up_domain_gpus: 8,
  gpus_per_rack: 16,
  rack_kw: 20.4,
  price_usd: null,
};

export const DAY = 86_400;

export function wallInputs(over: Partial<WallInputs> = {}): WallInputs {
  return {
    year: 2025,
    target_flop: 1e26,
    training_seconds: 100 * DAY,
    run_share: 1,
    newest: H100,
    on_sale: [H100],
    sustained: (a) => a.peak_flop_per_s * 0.4,
    comm_efficiency: () => 1,
    it_w: () => 1275,
    rack_kw: (a) => a.rack_kw ?? 0,
    supply_gpus: [{ acc: H100, count: 16_384 }],
    hbm_supply_gpus: [{ acc: H100, count: 16_384 }],
    hbm: { usable_fraction: 0.9, state_bytes_per_param: 16, active_over_total: 1 },
    tokens_per_param: 20,
    sites: [{ name: 's', available_mw: 150, pue: 1.2, cooling_mw: 100, max_kw_per_rack: 30 }],
    data: {
      stock_tokens: 3e14,
      stock_kind: 'effective',
      max_epochs: 4,
      repeat_half_life_epochs: 15.4,
      synthetic_tokens: 0,
      synthetic_quality: 0.5,
    },
    network: {
      training_seconds: 100 * DAY,
      tokens_per_param: 20,
      sequence_tokens: 8192,
      net: {
        kernel_latency_us: 4.5,
        scale_up_latency_us: 1,
        hop_latency_us: 4,
        scale_up_domain_gpus: 8,
        scale_out_bytes_per_s: 50e9,
        collective_efficiency: 0.9,
      },
      // a 126-layer dense family whose total parameters are its active ones
      model_at: (active) => ({ layers: 126, moe_layers: 0, total_params: active, gradient_bytes: 2 }),
      critical_batch: () => 16e6,
    },
    ...over,
  };
}
