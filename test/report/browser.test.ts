// Opens the HTML reports in a real browser (Debian's chromium via playwright-core): the page loads
// with no console errors and no network requests, every chart is visible, and a screenshot is taken.
// Skips with a printed reason when /usr/bin/chromium is absent (.ci/run installs it).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { buildRunReport } from '../../src/report/run-report.ts';
import { buildCompareReport } from '../../src/report/compare-report.ts';
import { writeReportAtomic } from '../../src/io/atomic/folder.ts';
import { resolveOutPath } from '../../src/io/atomic/out-path.ts';
import { baseline, buildout, ROOFLINE, ROUTER } from './fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`browser test skipped: ${CHROMIUM} not found (install with: apt-get install -y chromium)`);

/** Flags for headless Debian chromium as root on a machine without network (.library/env/machines/node.md). */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SHOTS = path.resolve('reports/screenshots');

describe.skipIf(!hasChromium)('HTML report in chromium', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'firstwall-browser-'));
    const run = await buildRunReport({ result: baseline(), roofline: ROOFLINE, router: ROUTER, date: '2026-01-15' });
    await writeReportAtomic(resolveOutPath(path.join(dir, 'run'), '--out', 'folder', dir), run.files);
    const cmp = await buildCompareReport({ results: [baseline(), buildout()], years: [2025, 2030, 2035, 2040] });
    await writeReportAtomic(resolveOutPath(path.join(dir, 'compare'), '--out', 'folder', dir), cmp.files);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test.each([
    ['run', 7],
    ['compare', 6],
  ])('the %s report loads without errors and shows all %i charts', async (name, charts) => {
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    const url = pathToFileURL(path.join(dir, name, 'index.html')).href;
    const response = await page.goto(url, { waitUntil: 'load' });
    expect(response?.ok() ?? true).toBe(true);
    const figures = page.locator('figure.chart svg');
    await expect.poll(() => figures.count()).toBe(charts);
    for (let i = 0; i < charts; i++) {
      const svg = figures.nth(i);
      expect(await svg.isVisible()).toBe(true);
      const box = await svg.boundingBox();
      expect(box && box.width > 300 && box.height > 100).toBe(true);
    }
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]); // self-contained: nothing but the page itself is fetched
    mkdirSync(SHOTS, { recursive: true });
    const shot = await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    expect(shot.length).toBeGreaterThan(10_000);
    await page.close();
  });
});
