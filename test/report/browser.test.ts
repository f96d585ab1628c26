// Opens the HTML reports in a real browser (Debian's chromium via playwright-core) with the network
// off: the page loads with no console errors or warnings and fetches nothing but itself, every chart
// is redrawn live by the inlined vega-embed, a mark shows its tooltip on hover, a legend entry hides
// the other series, and with scripts off the static SVGs are the charts. Screenshots are kept.
// Skips with a printed reason when /usr/bin/chromium is absent (.ci/run installs it).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildRunReport } from '../../src/report/run-report.ts';
import { buildCompareReport } from '../../src/report/compare-report.ts';
import { writeReportAtomic } from '../../src/io/atomic/folder.ts';
import { resolveOutPath } from '../../src/io/atomic/out-path.ts';
import { baseline, buildout, laterStart, ROOFLINE, ROUTER } from './fixtures.ts';

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

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
  url: string;
}

describe.skipIf(!hasChromium)('HTML report in chromium, offline', () => {
  let browser: Browser;
  let dir: string;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'firstwall-browser-'));
    const run = await buildRunReport({ result: baseline(), roofline: ROOFLINE, router: ROUTER, date: '2026-01-15' });
    await writeReportAtomic(resolveOutPath(path.join(dir, 'run'), '--out', 'folder', dir), run.files);
    const cmp = await buildCompareReport({ results: [baseline(), buildout()], years: [2025, 2030, 2035, 2040] });
    await writeReportAtomic(resolveOutPath(path.join(dir, 'compare'), '--out', 'folder', dir), cmp.files);
    const horizons = await buildCompareReport({ results: [baseline(), laterStart()], years: [2025, 2030, 2035] });
    await writeReportAtomic(resolveOutPath(path.join(dir, 'horizons'), '--out', 'folder', dir), horizons.files);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a report with the network off; every request and console message is recorded. */
  async function open(name: string, javaScriptEnabled = true): Promise<Opened> {
    const context = await browser.newContext({ viewport: { width: 900, height: 1200 }, javaScriptEnabled });
    contexts.push(context);
    await context.setOffline(true);
    const page = await context.newPage();
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
    return { page, errors, requests, url };
  }

  /** Every chart live and visible, its static SVG hidden; no errors; nothing fetched but the page. */
  async function expectLive(o: Opened, charts: number, shot: string): Promise<void> {
    const { page } = o;
    await expect.poll(() => page.locator('figure.chart.is-live').count(), { timeout: 30_000 }).toBe(charts);
    expect(await page.locator('figure.chart').count()).toBe(charts);
    for (let i = 0; i < charts; i++) {
      const svg = page.locator('figure.chart .live svg').nth(i);
      expect(await svg.isVisible()).toBe(true);
      const box = await svg.boundingBox();
      expect(box && box.width > 300 && box.height > 100).toBe(true);
      expect(await page.locator('figure.chart .static').nth(i).isVisible()).toBe(false);
    }
    expect(o.errors).toEqual([]);
    expect(o.requests).toEqual([o.url]); // self-contained: nothing but the page itself is fetched
    mkdirSync(SHOTS, { recursive: true });
    const png = await page.screenshot({ path: path.join(SHOTS, `${shot}.png`), fullPage: true });
    expect(png.length).toBeGreaterThan(10_000);
  }

  test.each([
    ['compare', 6],
    ['horizons', 6],
  ])('the %s report draws all %i charts live, offline, with no console errors', async (name, charts) => {
    await expectLive(await open(name), charts, name);
  });

  test('the run report: all 7 charts live; a mark shows its tooltip on hover; a legend entry dims the other walls', async () => {
    const o = await open('run');
    await expectLive(o, 7, 'run');
    const { page } = o;
    const point = page.locator('#chart-headroom .live g.mark-symbol path').first();
    const box = (await point.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = page.locator('#vg-tooltip-element.visible');
    await expect.poll(() => tip.count(), { timeout: 10_000 }).toBe(1);
    const text = (await tip.textContent()) ?? '';
    expect(text).toContain('year');
    expect(text).toContain('headroom');
    const lines = page.locator('#chart-headroom .live g.mark-line path');
    const dimmed = async () =>
      (
        await lines.evaluateAll((ps) => ps.map((p) => p.getAttribute('opacity') ?? p.getAttribute('stroke-opacity')))
      ).filter((v) => v !== null && Number(v) < 0.5).length;
    expect(await dimmed()).toBe(0);
    await page.locator('#chart-headroom .live g.role-legend-label text', { hasText: /^power$/ }).click();
    await expect.poll(dimmed, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(o.errors).toEqual([]);
  });

  test('with scripts off, the static SVGs are the charts', async () => {
    const { page, errors } = await open('run', false);
    expect(await page.locator('figure.chart.is-live').count()).toBe(0);
    const statics = page.locator('figure.chart .static svg');
    expect(await statics.count()).toBe(7);
    for (let i = 0; i < 7; i++) expect(await statics.nth(i).isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });
});
