// CSV quoting, HTML escaping, and the run/compare report builders: self-contained pages, no date
// unless one is given, every chart's files present, byte-identical output for the same input.
import { RESULT_SCHEMA_ID } from '../../src/report/result-file.ts';
import { describe, expect, test } from 'vitest';
import { csvField, runCsvFiles, toCsv } from '../../src/report/csv.ts';
import { esc, renderPage, scriptJson } from '../../src/report/html.ts';
import { buildRunReport } from '../../src/report/run-report.ts';
import { buildCompareReport } from '../../src/report/compare-report.ts';
import { baseline, buildout, noWall, ROOFLINE, ROUTER } from './fixtures.ts';

describe('csv', () => {
  test('fields with commas, quotes or newlines are quoted (RFC 4180); null is empty', () => {
    expect(csvField('grid +500 MW, campus-a')).toBe('"grid +500 MW, campus-a"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(null)).toBe('');
    expect(csvField(1.5e26)).toBe('1.5e+26');
    expect(toCsv(['a', 'b'], [[1, 'x\ny']])).toBe('a,b\n1,"x\ny"\n');
  });
  test('headroom.csv has one row per step and the exact headroom values', () => {
    const lines = runCsvFiles(baseline())['headroom.csv'].trim().split('\n');
    expect(lines[0]).toBe('year,compute,memory,network,power,cooling,data,achievable,binding,limited_by');
    expect(lines).toHaveLength(1 + 16);
    const y2026 = lines[2].split(',');
    expect(Number(y2026[4])).toBe(1.6 * 0.55); // power, 2026
    expect(y2026[8]).toBe('power');
  });
});

describe('html', () => {
  test('text is escaped and JSON in <script> cannot close the tag', () => {
    expect(esc(`<b a="1">&'`)).toBe('&lt;b a=&quot;1&quot;&gt;&amp;&#39;');
    expect(scriptJson({ s: '</script><script>alert(1)</script>' })).not.toContain('</script>');
    const page = renderPage({ title: '<x>', verdict: ['a & b'], figures: [], notes: [], sections: [] });
    expect(page).toContain('<title>&lt;x&gt;</title>');
    expect(page).toContain('<strong>a &amp; b</strong>');
  });
});

describe('report builders', () => {
  const paths = (files: { path: string }[]) => files.map((f) => f.path);
  const text = (files: { path: string; content: string | Uint8Array }[], p: string) =>
    String(files.find((f) => f.path === p)?.content);

  test('the run report has every chart (spec with data inline + SVG), data, result.json, and is self-contained', async () => {
    const { files, warnings } = await buildRunReport({ result: baseline(), roofline: ROOFLINE, router: ROUTER });
    expect(warnings).toEqual([]);
    for (const c of ['headroom', 'permitted', 'power', 'roofline', 'router', 'energy-share', 'cost-breakdown']) {
      expect(paths(files)).toContain(`charts/${c}.svg`);
      const spec = JSON.parse(text(files, `charts/${c}.vl.json`)) as { $schema: string };
      expect(spec.$schema).toMatch(/vega-lite\/v6/);
      expect(JSON.stringify(spec)).toContain('"values"');
    }
    expect(paths(files).some((p) => p.endsWith('.png'))).toBe(false);
    expect(paths(files)).toEqual(
      expect.arrayContaining(['index.html', 'result.json', 'data/headroom.csv', 'data/buildouts.csv']),
    );
    const html = text(files, 'index.html');
    expect(html).toContain('power binds first in 2026 (headroom 0.79)');
    expect(html).toContain(baseline().scenario.hash);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//); // no network
    expect(html).not.toContain('Run date');
    // each chart twice: the static SVG (the fallback) and the spec vega-embed draws live
    expect(html.match(/<div class="static"><svg /g)).toHaveLength(7);
    expect(html.match(/<script type="application\/json" class="vega-lite-live"/g)).toHaveLength(7);
    expect(html).toContain('<script type="application/json" id="firstwall-live-config">');
    expect(JSON.parse(text(files, 'result.json'))).toEqual({ $schema: RESULT_SCHEMA_ID, ...baseline() });
  });

  test('the run date appears only when given; the same input gives byte-identical files', async () => {
    const a = await buildRunReport({ result: baseline(), date: '2030-06-01' });
    const b = await buildRunReport({ result: baseline(), date: '2030-06-01' });
    expect(text(a.files, 'index.html')).toContain('2030-06-01');
    expect(a.files.map((f) => String(f.content))).toEqual(b.files.map((f) => String(f.content)));
    expect(text(a.files, 'index.html')).toContain('Router chart: no micro-MoE calibration given');
  });

  test('--png adds a PNG beside each SVG', async () => {
    const { files } = await buildRunReport({ result: noWall(), png: true });
    const png = files.find((f) => f.path === 'charts/headroom.png')?.content as Uint8Array;
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(text(files, 'index.html')).toContain('no wall binds by 2040');
  });

  test('the compare report has both compare charts, a headroom chart per scenario, and the results', async () => {
    const { files, warnings } = await buildCompareReport({ results: [baseline(), buildout()], years: [2030] });
    expect(warnings).toEqual([]);
    expect(paths(files)).toEqual(
      expect.arrayContaining([
        'charts/compare-headroom.svg',
        'charts/compare-timeline.svg',
        'charts/headroom-baseline-2025.svg',
        'charts/headroom-buildout-2030.svg',
        'data/compare-headroom.csv',
        'results/baseline-2025.json',
        'results/buildout-2030.json',
      ]),
    );
    const csv = text(files, 'data/compare-headroom.csv').trim().split('\n');
    expect(csv).toHaveLength(1 + 2 * 6);
    expect(csv).toContain(`baseline-2025,2030,power,${1.6 * 0.55 ** 5},true`);
  });
});
