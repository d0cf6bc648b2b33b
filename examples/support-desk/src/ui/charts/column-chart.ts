import { html, type Html } from '../html.js';
import { countAxis, px } from './scale.js';

/** One series of a column chart: a name (legend) and one value per category. */
export interface Series {
  name: string;
  values: number[];
  /** CSS class of its columns (colour). */
  tone: string;
}

/** Options of `columnChart`. */
export interface ColumnChartInput {
  /** Accessible name and `<title>`. */
  title: string;
  /** Category labels along the x axis. */
  categories: string[];
  series: Series[];
  width?: number;
  height?: number;
  /** Show every n-th category label (long time axes). Default: as many as fit. */
  labelEvery?: number;
}

const LEFT = 36;
const BOTTOM = 24;
const TOP = 26;

/** Grouped vertical columns of counts per category, with a whole-number y axis and a legend, as inline SVG. */
export function columnChart({ title, categories, series, width = 600, height = 240, labelEvery }: ColumnChartInput): Html {
  if (categories.length === 0 || series.length === 0) return html`<p class="empty">No data in this period.</p>`;
  const { max, step } = countAxis(Math.max(...series.flatMap((s) => s.values)));
  const plotW = width - LEFT - 8;
  const plotH = height - TOP - BOTTOM;
  const slot = plotW / categories.length;
  const column = Math.max(1, (slot * 0.8) / series.length);
  const every = labelEvery ?? Math.max(1, Math.ceil(categories.length / Math.floor(plotW / 56)));
  const y = (v: number) => TOP + plotH - (v / max) * plotH;
  const ticks = [0, 1, 2, 3, 4].map((i) => i * step);
  return html`<svg class="chart column-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${title}"><title>${title}</title>
<g class="legend">${series.map((s, i) => html`<rect class="${s.tone}" x="${LEFT + i * 120}" y="4" width="10" height="10" rx="2"></rect><text x="${LEFT + i * 120 + 14}" y="13">${s.name}</text>`)}</g>
${ticks.map((t) => html`<line class="grid" x1="${LEFT}" x2="${width - 8}" y1="${px(y(t))}" y2="${px(y(t))}"></line><text class="tick" x="${LEFT - 6}" y="${px(y(t) + 4)}" text-anchor="end">${t}</text>`)}
${categories.map((category, c) => {
  const x0 = LEFT + c * slot + slot * 0.1;
  return html`<g class="category">${series.map((s, i) => {
    const value = Math.max(0, s.values[c] ?? 0);
    return html`<rect class="${s.tone}" x="${px(x0 + i * column)}" y="${px(y(value))}" width="${px(column - 1)}" height="${px(TOP + plotH - y(value))}"><title>${category} · ${s.name}: ${value}</title></rect>`;
  })}${c % every === 0 ? html`<text class="tick" x="${px(LEFT + c * slot + slot / 2)}" y="${height - 8}" text-anchor="middle">${category}</text>` : ''}</g>`;
})}
</svg>`;
}
