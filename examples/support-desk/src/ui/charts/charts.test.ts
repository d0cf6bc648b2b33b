import { describe, expect, it } from 'vitest';
import { barChart } from './bar-chart.js';
import { columnChart } from './column-chart.js';
import { countAxis, niceMax } from './scale.js';

const widths = (svg: string, tone: string) => [...svg.matchAll(new RegExp(`class="${tone}" x="[^"]+" y="[^"]+" width="([^"]+)"`, 'g'))].map((m) => Number(m[1]));

describe('server-side SVG charts', () => {
  it('rounds axis maxima to 1, 2 or 5 times a power of ten', () => {
    expect([niceMax(0), niceMax(0.3), niceMax(7), niceMax(10), niceMax(11), niceMax(180), niceMax(2500)]).toEqual([1, 0.5, 10, 10, 20, 200, 5000]);
    // Count axes have whole-number gridlines: 0–4 at least, then 1-2-5 steps.
    expect([countAxis(0), countAxis(3), countAxis(5), countAxis(11), countAxis(180)]).toEqual([{ max: 4, step: 1 }, { max: 4, step: 1 }, { max: 8, step: 2 }, { max: 20, step: 5 }, { max: 200, step: 50 }]);
  });

  it('scales bars to the axis maximum and escapes labels', () => {
    const svg = barChart({ title: 'Replies <by> agent', bars: [{ label: 'Ola & co', value: 10 }, { label: '<script>', value: 5, note: '5 (2 conversations)' }], width: 600 }).toString();
    expect(widths(svg, 'tone-1')).toEqual([320, 160]); // track = 600 - 150 - 130; max 10
    expect(svg).toContain('aria-label="Replies &lt;by&gt; agent"');
    expect(svg).toContain('>Ola &amp; co<');
    expect(svg).toContain('>&lt;script&gt;<');
    expect(svg).toContain('>5 (2 conversations)<');
    expect(svg).not.toContain('<script>');
  });

  it('draws grouped columns per category with heights proportional to the values', () => {
    const svg = columnChart({ title: 'Volume', categories: ['Mon', 'Tue'], series: [{ name: 'Created', values: [4, 2], tone: 'tone-1' }, { name: 'Closed', values: [1, 0], tone: 'tone-2' }], height: 250 }).toString();
    const heights = [...svg.matchAll(/<rect class="(tone-\d)" x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)"><title>([^<]+)</g)].map((m) => [m[1], Number(m[2]), m[3]]);
    // plot height 250 - 26 - 24 = 200; axis 0–4 in steps of 1
    expect(heights).toEqual([
      ['tone-1', 200, 'Mon · Created: 4'],
      ['tone-2', 50, 'Mon · Closed: 1'],
      ['tone-1', 100, 'Tue · Created: 2'],
      ['tone-2', 0, 'Tue · Closed: 0'],
    ]);
    expect(svg).toContain('>Created</text>');
  });

  it('says so instead of drawing an empty chart', () => {
    expect(barChart({ title: 'x', bars: [] }).toString()).toContain('No data');
    expect(columnChart({ title: 'x', categories: [], series: [] }).toString()).toContain('No data');
    // All-zero data still draws (axis max 1), without dividing by zero.
    expect(widths(barChart({ title: 'x', bars: [{ label: 'a', value: 0 }] }).toString(), 'tone-1')).toEqual([0]);
  });
});
