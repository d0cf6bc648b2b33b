import { html, type Html } from '../html.js';
import { niceMax, px } from './scale.js';

/** One bar: a label, its value, and the text shown after the bar (default the value). */
export interface Bar {
  label: string;
  value: number;
  note?: string;
}

/** Options of `barChart`. */
export interface BarChartInput {
  /** Accessible name and `<title>`. */
  title: string;
  bars: Bar[];
  width?: number;
  /** CSS class of the bars (colour). */
  tone?: string;
}

const ROW = 30;
const LABEL = 150;
const NOTE = 130;

/** A horizontal bar chart as inline SVG, bars scaled to the largest value. */
export function barChart({ title, bars, width = 600, tone = 'tone-1' }: BarChartInput): Html {
  if (bars.length === 0) return html`<p class="empty">No data in this period.</p>`;
  const max = niceMax(Math.max(...bars.map((b) => b.value)));
  const track = width - LABEL - NOTE;
  const height = bars.length * ROW + 8;
  return html`<svg class="chart bar-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${title}"><title>${title}</title>
${bars.map((bar, i) => {
  const y = i * ROW + 4;
  const w = px((Math.max(0, bar.value) / max) * track);
  return html`<g class="bar"><text class="label" x="${LABEL - 8}" y="${y + 17}" text-anchor="end">${bar.label}</text><rect class="track" x="${LABEL}" y="${y + 4}" width="${track}" height="${ROW - 10}" rx="3"></rect><rect class="${tone}" x="${LABEL}" y="${y + 4}" width="${w}" height="${ROW - 10}" rx="3"></rect><text class="value" x="${px(LABEL + w + 6)}" y="${y + 17}">${bar.note ?? String(bar.value)}</text></g>`;
})}
</svg>`;
}
