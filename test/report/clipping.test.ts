// No chart of any shipped scenario's report has a clipped legend or label: every chart of every
// scenario's run report (and of the `npm start` comparison) is rendered, and every text item and
// legend lies inside the SVG, and no label was cut short with "…"; the interactive variant the page
// draws live compiles without warnings. Checked twice: on the headless
// scene (vega's own text estimates, always run) and in chromium with its real fonts (skipped with
// a printed reason when Debian's chromium is absent), where a label wider than vega estimated it
// would stick out of the SVG.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium } from 'playwright-core';
import type { ChartDef } from '../../src/report/assemble.ts';
import { runChartDefs } from '../../src/report/run-report.ts';
import { compareChartDefs } from '../../src/report/compare-report.ts';
import { defaultYears } from '../../src/report/compare-table.ts';
import { modelRunSource } from '../../src/report/run-source.ts';
import { scene } from './helpers/scene.ts';
import { compileSpec } from '../../src/report/render.ts';
import { interactiveSpec } from '../../src/report/interactive.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCENARIOS = readdirSync(path.join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const CHROMIUM = '/usr/bin/chromium';
const TOLERANCE_PX = 0.5;

/** Runs in the page (plain JS: the test is compiled without the DOM types): every text and legend of
 * each chart's SVG whose real box leaves the SVG's box, as [chart index, description]. */
const OUTSIDE_IN_PAGE = `(tol) => {
  const bad = [];
  for (const div of document.querySelectorAll('div.chart')) {
    const svg = div.querySelector('svg');
    const box = svg.getBoundingClientRect();
    for (const el of [...svg.querySelectorAll('text'), ...svg.querySelectorAll('g.role-legend')]) {
      const b = el.getBoundingClientRect();
      if (b.width === 0 && b.height === 0) continue;
      if (b.left < box.left - tol || b.top < box.top - tol || b.right > box.right + tol || b.bottom > box.bottom + tol)
        bad.push([Number(div.dataset.i), '"' + (el.textContent || '').slice(0, 60) + '" [' + (b.left - box.left).toFixed(0) + ', ' + (b.right - box.left).toFixed(0) + '] of ' + box.width.toFixed(0) + ' px']);
    }
  }
  return bad;
}`;

interface Rendered {
  chart: string;
  svg: string;
}
const rendered: Rendered[] = [];
const problems: string[] = [];
let tmp: string;

/** Renders every chart; records each text or legend that leaves the SVG and each truncated label. */
async function check(owner: string, defs: ChartDef[]): Promise<void> {
  for (const d of defs) {
    const chart = `${owner}/${d.name}`;
    const s = await scene(d.spec);
    rendered.push({ chart, svg: s.svg });
    for (const it of s.items) {
      if (it.mark !== 'text' && it.role !== 'legend') continue;
      if (it.mark === 'text' && !it.text) continue;
      const out =
        it.x1 < -TOLERANCE_PX ||
        it.y1 < -TOLERANCE_PX ||
        it.x2 > s.width + TOLERANCE_PX ||
        it.y2 > s.height + TOLERANCE_PX;
      if (out)
        problems.push(
          `${chart}: ${it.role} "${it.text ?? ''}" at [${it.x1.toFixed(0)}, ${it.y1.toFixed(0)}, ${it.x2.toFixed(0)}, ${it.y2.toFixed(0)}] outside ${s.width}x${s.height}`,
        );
    }
    for (const m of s.svg.matchAll(/>([^<]*…)</g)) problems.push(`${chart}: label cut short: "${m[1]}"`);
    // the page draws an interactive variant live: it must compile as cleanly as the static one
    const warnings: string[] = [];
    compileSpec(interactiveSpec(d.spec), warnings);
    problems.push(...warnings.map((w) => `${chart} (live): ${w}`));
  }
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'firstwall-clip-'));
  for (const file of SCENARIOS) {
    const inputs = await modelRunSource(`scenarios/${file}`, ROOT, undefined, { samples: 8 });
    await check(file, runChartDefs(inputs).defs);
  }
  const pair = await Promise.all(
    ['baseline-2025', 'buildout-2030'].map(
      async (n) => (await modelRunSource(`scenarios/${n}.yaml`, ROOT, undefined)).result,
    ),
  );
  await check('npm-start', compareChartDefs(pair, defaultYears(pair)).defs);
}, 600_000);
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('every chart of every shipped scenario', () => {
  test('keeps its legends and labels inside the SVG and cuts no label short (headless scene)', () => {
    expect(rendered.length).toBeGreaterThan(SCENARIOS.length * 5);
    expect(problems).toEqual([]);
  });

  test.skipIf(!existsSync(CHROMIUM))(
    'keeps them inside with real fonts (chromium)',
    async () => {
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
      try {
        // every chart on one page (one load instead of one per chart), each in its own block
        const file = path.join(tmp, 'all.html');
        // the last block is a control the check must flag: a label running past its SVG's right edge
        const control =
          '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40"><text x="60" y="20">control label</text></svg>';
        const all = [...rendered, { chart: 'control', svg: control }];
        const blocks = all.map((r, i) => `<div class="chart" data-i="${i}">${r.svg}</div>`);
        writeFileSync(file, `<!doctype html><html><body style="margin:0">${blocks.join('\n')}</body></html>`);
        const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
        await page.goto(pathToFileURL(file).href);
        const outside = (await page.evaluate(`(${OUTSIDE_IN_PAGE})(${TOLERANCE_PX})`)) as [number, string][];
        const found = outside.map(([i, o]) => `${all[i].chart}: ${o}`);
        expect(found.filter((f) => f.startsWith('control: '))).toHaveLength(1);
        expect(found.filter((f) => !f.startsWith('control: '))).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    300_000,
  );
});

if (!existsSync(CHROMIUM))
  console.warn(`clipping test in chromium skipped: ${CHROMIUM} not found (install with: apt-get install -y chromium)`);
