// Each wall measures its own resource, so in the shipped scenarios no two walls should tell the same
// story: two walls' permits within 2% of each other in more than a fifth of a scenario's steps means
// one is likely an identity of the other. Scenarios that make a pair agree on purpose say so here.
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadAndRun } from '../../src/model/load-and-run.ts';
import { WALLS } from '../../src/walls/registry.ts';

/** Pairs a scenario makes agree on purpose, with the reason. */
const ON_PURPOSE: Record<string, Record<string, string>> = {
  'buildout-2030.yaml': {
    'power/cooling':
      'from the mid-2030s every campus is at its grid and generation maximum and the planner has built plant to exactly what that power can feed: both walls sit at the sites’ ceilings',
  },
  'moe-sparsity.yaml': {
    'compute/network':
      'with supply this ample and DeepSeek-V3’s fixed 63M-token batch, exposed communication saturates what any fleet can train: the compute permit meets the data-movement asymptote (Erdil & Schneider-Joseph 2024)',
  },
  'memory-wall.yaml': {
    'compute/network':
      'from the mid-2030s, with supply this ample and DeepSeek-V3’s fixed 63M-token batch, exposed communication saturates what any fleet can train: the compute permit meets the data-movement asymptote (Erdil & Schneider-Joseph 2024)',
  },
  'scale-out-hgx.yaml': {
    'compute/memory':
      'a one-generation design study: its HBM and accelerator supply grow alike and the installed fleet dominates both',
    'compute/cooling': 'the campus plant is sized to the accelerators it carries',
    'memory/cooling': 'both follow the installed fleet (see above)',
  },
};

const scenarios = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function closePairs(file: string): Record<string, number> {
  const r = loadAndRun(`scenarios/${file}`);
  const counts: Record<string, number> = {};
  for (const s of r.steps)
    for (let i = 0; i < WALLS.length; i++)
      for (let j = i + 1; j < WALLS.length; j++) {
        const a = s.walls[WALLS[i]].permitted_flop;
        const b = s.walls[WALLS[j]].permitted_flop;
        if (Math.abs(a - b) <= 0.02 * Math.max(a, b))
          counts[`${WALLS[i]}/${WALLS[j]}`] = (counts[`${WALLS[i]}/${WALLS[j]}`] ?? 0) + 1;
      }
  for (const k of Object.keys(counts)) counts[k] /= r.steps.length;
  return counts;
}

describe('walls are distinct constraints', () => {
  test.each(scenarios)('%s: no two walls within 2% in more than a fifth of the steps', (file) => {
    const shares = closePairs(file);
    const allowed = ON_PURPOSE[file] ?? {};
    const offending = Object.entries(shares).filter(([pair, share]) => share > 0.2 && !(pair in allowed));
    expect(offending, JSON.stringify(shares)).toEqual([]);
  });
});
