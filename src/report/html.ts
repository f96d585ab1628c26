// The HTML page of a report: self-contained (inline SVG charts, inline CSS, the chart libraries
// inlined, no network), printable on A4/Letter, every piece of text escaped. Each chart's Vega-Lite
// spec is embedded as JSON in a <script type="application/json"> block for provenance; a figure with
// a live spec is redrawn interactively by vega-embed (src/report/interactive.ts) and keeps its
// static SVG when scripts are off or fail.
// Invariant: the page is a pure function of its Page value (no clock, no environment).
import { FONT } from '../charts/theme.ts';
import { INIT_SCRIPT, LIVE_CONFIG, libraryScripts } from './interactive.ts';

export interface Figure {
  /** File stem under charts/ (e.g. "headroom"). */
  name: string;
  caption: string;
  svg: string;
  spec: unknown;
  /** The interactive variant the page draws live (absent: the static SVG only). */
  live?: unknown;
  png: boolean;
}

export interface Cell {
  text: string;
  className?: string;
}
export interface Table {
  caption: string;
  header: string[];
  rows: Cell[][];
}
export interface Section {
  id: string;
  heading: string;
  paragraphs?: string[];
  tables?: Table[];
  list?: { href?: string; text: string }[];
}

export interface Page {
  title: string;
  /** The verdict lines under the title (the first is shown bold). */
  verdict: string[];
  /** Sections shown before the charts (e.g. why the first wall binds). */
  lead?: Section[];
  figures: Figure[];
  /** Charts that could not be drawn, with why (e.g. no calibration given). */
  notes: string[];
  sections: Section[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** JSON safe inside <script>: "<" is escaped so no "</script>" or "<!--" can appear. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value, null, 1)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const CSS = `
:root { color-scheme: light; }
body { font-family: ${FONT}; color: #111; background: #fff; max-width: 760px; margin: 24px auto; padding: 0 16px; line-height: 1.4; font-size: 14px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #ccc; padding-bottom: 2px; }
.verdict { font-size: 16px; } .verdict strong { color: #7a1f00; }
figure { margin: 16px 0 24px; break-inside: avoid; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; display: block; }
figure .live { display: none; } figure.is-live .live { display: block; } figure.is-live .static { display: none; }
#vg-tooltip-element { font-size: 11px; } #vg-tooltip-element td { border: none; text-align: left; padding: 1px 4px; }
@media print { figure.is-live .live { display: none; } figure.is-live .static { display: block; } }
figcaption { font-size: 12px; color: #333; margin-top: 4px; } figcaption a { color: #0b5394; }
table { border-collapse: collapse; font-size: 12px; margin: 8px 0 16px; width: 100%; break-inside: auto; }
caption { text-align: left; font-weight: bold; padding-bottom: 4px; }
th, td { border: 1px solid #ddd; padding: 2px 6px; text-align: right; font-variant-numeric: tabular-nums; }
th:first-child, td:first-child, td.text { text-align: left; }
td.binds { background: #fde0d9; } td.outside { color: #777; font-style: italic; } td.binding { font-weight: bold; outline: 2px solid #333; outline-offset: -2px; }
.note { color: #555; font-style: italic; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; max-width: none; font-size: 11px; } a { color: inherit; text-decoration: none; } }
`;

function figureHtml(f: Figure): string {
  const links = [
    `<a href="charts/${f.name}.svg">SVG</a>`,
    `<a href="charts/${f.name}.vl.json">Vega-Lite spec</a>`,
    ...(f.png ? [`<a href="charts/${f.name}.png">PNG</a>`] : []),
  ];
  return [
    `<figure id="chart-${esc(f.name)}" class="chart">`,
    `<div class="static">${f.svg.trim()}</div>`,
    ...(f.live === undefined ? [] : ['<div class="live"></div>']),
    `<figcaption>${esc(f.caption)} (${links.join(', ')})</figcaption>`,
    `<script type="application/json" class="vega-lite-spec" data-chart="${esc(f.name)}">${scriptJson(f.spec)}</script>`,
    ...(f.live === undefined
      ? []
      : [
          `<script type="application/json" class="vega-lite-live" data-chart="${esc(f.name)}">${scriptJson(f.live)}</script>`,
        ]),
    `</figure>`,
  ].join('\n');
}

function tableHtml(t: Table): string {
  const head = `<tr>${t.header.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr>`;
  const rows = t.rows.map(
    (r) =>
      `<tr>${r.map((c) => `<td${c.className ? ` class="${esc(c.className)}"` : ''}>${esc(c.text)}</td>`).join('')}</tr>`,
  );
  return `<table>\n<caption>${esc(t.caption)}</caption>\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function sectionHtml(s: Section): string {
  const parts = [`<section id="${esc(s.id)}">`, `<h2>${esc(s.heading)}</h2>`];
  for (const p of s.paragraphs ?? []) parts.push(`<p>${esc(p)}</p>`);
  for (const t of s.tables ?? []) parts.push(tableHtml(t));
  if (s.list)
    parts.push(
      `<ul>\n${s.list.map((i) => `<li>${i.href ? `<a href="${esc(i.href)}">${esc(i.text)}</a>` : esc(i.text)}</li>`).join('\n')}\n</ul>`,
    );
  parts.push('</section>');
  return parts.join('\n');
}

/** The libraries, the live config and the script that draws the figures (only when some figure is live). */
function liveScripts(): string[] {
  return [
    `<script type="application/json" id="firstwall-live-config">${scriptJson(LIVE_CONFIG)}</script>`,
    libraryScripts(),
    `<script>${INIT_SCRIPT}</script>`,
  ];
}

export function renderPage(page: Page): string {
  const [first, ...rest] = page.verdict;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(page.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${esc(page.title)}</h1>`,
    first === undefined ? '' : `<p class="verdict"><strong>${esc(first)}</strong></p>`,
    ...rest.map((v) => `<p class="verdict">${esc(v)}</p>`),
    '</header>',
    ...(page.lead ?? []).map(sectionHtml),
    '<section id="charts">',
    '<h2>Charts</h2>',
    ...page.figures.map(figureHtml),
    ...page.notes.map((n) => `<p class="note">${esc(n)}</p>`),
    '</section>',
    ...page.sections.map(sectionHtml),
    ...(page.figures.some((f) => f.live !== undefined) ? liveScripts() : []),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
