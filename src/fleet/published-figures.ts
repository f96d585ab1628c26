// The published data-centre electricity figures (see published.ts for the row shape): United
// States, China, Europe, rest of world and the world, estimates of the past and projections, each
// with what it measures (all data centres or AI only), its tag and where it was read.
// Invariant: low <= high in every pair; a point figure has low = high.
import type { Measure, PublishedFigure, Tag } from './published.ts';

type Pair = [number, number] | null;
const pt = (v: number): [number, number] => [v, v];
const est = 'estimate' as const;
const proj = 'projection' as const;
const all: Measure = 'all_dc';
const ai: Measure = 'ai';

function row(
  source: string,
  region: string,
  year: number,
  measure: Measure,
  kind: 'estimate' | 'projection',
  twh: Pair,
  share: Pair,
  tag: Tag,
  cite: string,
  ai_share_of_dc?: [number, number],
): PublishedFigure {
  return { source, region, year, measure, kind, twh, share, tag, cite, ...(ai_share_of_dc ? { ai_share_of_dc } : {}) };
}

const LBNL24 = 'LBNL 2024 United States Data Center Energy Usage Report (Shehabi et al., Dec 2024)';
const LBNL25 = 'LBNL 2025 update (Smith et al., LBNL-2001758, Jun 2026), via baobab-tech/research-ai-energy';
const LBNL25_AI = `${LBNL25}: AI servers 55% of all data-centre energy, reference case (P); 0.55 x 649 TWh = 357 (E)`;
const LBNL25_RANGE = `${LBNL25}: compounded-uncertainty range; reference case 649 TWh (11.8%)`;
const AIMULTIPLE =
  'AI-specific servers 53-76 TWh (2024) and 165-326 TWh (2028), research.aimultiple.com citing LBNL, ' +
  'via bjsmith/ai-policy-sim notes';
const MCK = 'McKinsey, "AI\'s power binge" chart (2024)';
const EPRI24 = 'EPRI Powering Intelligence (May 2024), low to higher scenarios, via S&P Global';
const EPRI26 = 'EPRI press release (Feb 2026)';
const BCG = 'BCG (2023) via ssti.org: all data centres (~70 TWh of the increase from GenAI)';
const CN =
  'Carbon Brief explainer (Apr 2025): "newer government figures put demand at 77TWh in 2022, ' +
  '150-200TWh in 2025 and 400TWh by 2030"';
const IEA25 = 'IEA, Energy and AI (Apr 2025)';
const IEA_REG = `${IEA25}: regional chart via the Guardian / Graphic News GN46940`;
const IEA_ROW24 = `${IEA_REG}: Asia Pacific excl. China 48 + rest of world 15 TWh (Q), summed`;
const IEA_ROW30 = `${IEA_REG}: Asia Pacific excl. China 101 + rest of world 29 TWh (Q), summed`;
const IEA_CASES30 = `${IEA25} annex: Headwinds 669 to Lift-Off 1,264 TWh, via NMAIResearch/forecast-scorecard`;
const IEA_CASES35 = `${IEA25} sensitivity cases, via baobab-tech/research-ai-energy`;
const IEA26 = 'IEA, Key Questions on Energy and AI (Apr 2026), via baobab-tech/research-ai-energy';
const CB24 = 'Carbon Brief synthesis of IEA data (2025): AI 5-15% of data-centre electricity (P); x 415 TWh (E)';
const CB30 = 'Carbon Brief synthesis of IEA data (2025): AI 35-50% by 2030 (P); x 945 TWh (E)';
const DVG = 'de Vries-Gao, Patterns (Dec 2025): AI 9.4 GW end-2024, 23 GW end-2025 (P); x 8.766 TWh/GW-yr (E)';
const GARTNER = 'Gartner (Nov 2025): AI-optimized servers 93 TWh (2025), 432 TWh (2030), via NMAIResearch';

// LBNL 2024 gives 76 TWh (2018), 176 TWh (2023) and an 18%/yr CAGR between them (Q); its figure
// values for 2019-2022 were not read here, so they are interpolated at that rate (E).
const lbnl = (y: number) => Math.round(10 * 76 * Math.pow(176 / 76, (y - 2018) / 5)) / 10;
const LBNL_E = (y: number) => `${LBNL24}: 76 x (176/76)^((${y} - 2018)/5), the report's 18%/yr CAGR`;

export const PUBLISHED_FIGURES: PublishedFigure[] = [
  // United States
  row('LBNL 2024', 'US', 2014, all, est, pt(58), null, 'Q', LBNL24),
  row('LBNL 2024', 'US', 2018, all, est, pt(76), pt(0.019), 'Q', LBNL24),
  ...[2019, 2020, 2021, 2022].map((y) =>
    row('LBNL 2024 (interpolated)', 'US', y, all, est, pt(lbnl(y)), null, 'E', LBNL_E(y)),
  ),
  row('LBNL 2024', 'US', 2023, all, est, pt(176), pt(0.044), 'Q', LBNL24),
  row('McKinsey 2024', 'US', 2023, all, est, pt(147), pt(0.037), 'Q', MCK),
  row('IEA 2025', 'US', 2024, all, est, pt(183), null, 'Q', IEA_REG),
  row('LBNL 2025 update', 'US', 2024, all, est, pt(192), pt(0.047), 'P', LBNL25),
  row('LBNL via AIMultiple', 'US', 2024, ai, est, [53, 76], null, 'P', AIMULTIPLE),
  row('LBNL 2024', 'US', 2028, all, proj, [325, 580], [0.067, 0.12], 'Q', LBNL24),
  row('LBNL via AIMultiple', 'US', 2028, ai, proj, [165, 326], null, 'P', AIMULTIPLE),
  row('EPRI 2024', 'US', 2030, all, proj, null, [0.046, 0.091], 'Q', EPRI24),
  row('EPRI 2026', 'US', 2030, all, proj, null, [0.09, 0.17], 'Q', EPRI26),
  row('BCG 2023', 'US', 2030, all, proj, pt(390), pt(0.075), 'Q', BCG),
  row('McKinsey 2024', 'US', 2030, all, proj, pt(606), pt(0.117), 'Q', MCK),
  row('IEA 2025 base', 'US', 2030, all, proj, pt(426), null, 'Q', IEA_REG),
  row('LBNL 2025 update', 'US', 2030, all, proj, [521, 843], [0.095, 0.153], 'P', LBNL25_RANGE),
  row('LBNL 2025 update', 'US', 2030, ai, proj, pt(357), null, 'E', LBNL25_AI, pt(0.55)),
  // China
  row('China govt (Carbon Brief)', 'China', 2022, all, est, pt(77), null, 'Q', CN),
  row('IEA 2025', 'China', 2024, all, est, pt(102), null, 'Q', IEA_REG),
  row('China govt (Carbon Brief)', 'China', 2025, all, proj, [150, 200], null, 'Q', CN),
  row('IEA 2025 base', 'China', 2030, all, proj, pt(277), null, 'Q', IEA_REG),
  row('China govt (Carbon Brief)', 'China', 2030, all, proj, pt(400), null, 'Q', CN),
  // Europe
  row('IEA 2025', 'Europe', 2024, all, est, pt(68), null, 'Q', IEA_REG),
  row('IEA 2025 base', 'Europe', 2030, all, proj, pt(113), null, 'Q', IEA_REG),
  // Rest of world (the IEA's Asia Pacific excluding China, and its rest of world)
  row('IEA 2025', 'RoW', 2024, all, est, pt(63), null, 'E', IEA_ROW24),
  row('IEA 2025 base', 'RoW', 2030, all, proj, pt(130), null, 'E', IEA_ROW30),
  // World
  row('IEA 2025', 'World', 2024, all, est, pt(415), pt(0.015), 'Q', IEA25),
  row('Carbon Brief (IEA)', 'World', 2024, ai, est, [21, 62], null, 'E', CB24, [0.05, 0.15]),
  row('IEA 2026', 'World', 2025, all, est, pt(485), null, 'P', IEA26),
  row('de Vries-Gao 2025', 'World', 2025, ai, est, [82, 202], null, 'E', DVG),
  row('Gartner 2025', 'World', 2025, ai, est, pt(93), null, 'P', GARTNER),
  row('IEA 2025 base', 'World', 2030, all, proj, pt(945), pt(0.03), 'Q', `${IEA25}: "just under 3%"`),
  row('IEA 2025 cases', 'World', 2030, all, proj, [669, 1264], null, 'P', IEA_CASES30),
  row('Carbon Brief (IEA)', 'World', 2030, ai, proj, [331, 473], null, 'E', CB30, [0.35, 0.5]),
  row('Gartner 2025', 'World', 2030, ai, proj, pt(432), null, 'P', GARTNER),
  row('IEA 2025 base', 'World', 2035, all, proj, pt(1200), null, 'Q', IEA25),
  row('IEA 2025 Headwinds', 'World', 2035, all, proj, pt(700), null, 'P', `${IEA_CASES35}: "<2%"`),
  row('IEA 2025 High Efficiency', 'World', 2035, all, proj, pt(970), pt(0.026), 'P', IEA_CASES35),
  row(
    'IEA 2025 Lift-Off',
    'World',
    2035,
    all,
    proj,
    pt(1700),
    pt(0.044),
    'P',
    `${IEA_CASES35}; 1,720 TWh (Q) in Data Centre Magazine`,
  ),
];
