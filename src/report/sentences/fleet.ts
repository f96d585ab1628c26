// The caption sentence that keeps AI and all data centres apart: the model's AI-accelerator share of
// the region's electricity beside its all-data-centre share, at 2030 (the year headline figures
// quote) or the fleet's last year, and which published point figures of that year count all data
// centres, not AI alone ("AI at 7.5% of US electricity" is BCG 2023's all-data-centre figure).
// Invariant: pure; every number read off the fleet result and the published table.
import { PUBLISHED, type PublishedFigure } from '../../fleet/published.ts';
import type { FleetResult } from '../../result/fleet-types.ts';
import { formatPercent as percent } from '../../charts/tidy.ts';
import { formatYear } from '../../result/format.ts';

/** The year the sentence reads: 2030 when the fleet has it, else its last year. */
export const HEADLINE_YEAR = 2030;

export function aiVersusAllSentence(f: FleetResult, published: PublishedFigure[] = PUBLISHED): string | null {
  const y = f.years.find((x) => x.year === HEADLINE_YEAR) ?? f.years[f.years.length - 1];
  if (!y) return null;
  const region = f.regions ? 'World' : f.region;
  const points = published.filter(
    (p) => p.region === region && p.year === y.year && p.measure === 'all_dc' && p.share && p.share[0] === p.share[1],
  );
  const quoted = points.length
    ? ` Published point figures for ${formatYear(y.year)} such as ${points
        .map((p) => `${percent(p.share![0])} (${p.source})`)
        .join(
          ', ',
        )} count all data centres, so they compare with ${percent(y.total_dc_share)}, not with AI's ${percent(y.ai_share)}.`
    : '';
  return `In ${formatYear(y.year)} the model puts AI accelerators at ${percent(y.ai_share)} of ${f.region} electricity and all data centres (AI and conventional) at ${percent(y.total_dc_share)}.${quoted}`;
}
