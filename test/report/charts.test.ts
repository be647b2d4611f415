import { describe, expect, it } from 'vitest';
import { barChart } from '../../src/report/charts/barChart.js';
import { horizontalBarChart } from '../../src/report/charts/horizontalBarChart.js';
import { scatterChart } from '../../src/report/charts/scatterChart.js';

const base = { id: 'c1', title: 'Classes <by> size', description: 'Counts only.' };

/** Checks shared by every chart: titled, labelled, no NaN, nothing external, no script. */
function checkSvg(svg: string): void {
  expect(svg.startsWith('<svg ')).toBe(true);
  expect(svg.endsWith('</svg>')).toBe(true);
  expect(svg).toContain('role="img"');
  expect(svg).toMatch(/<title id="c1-title">Classes &lt;by&gt; size<\/title>/);
  expect(svg).toContain('class="chart-title"');
  expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  expect(svg).not.toMatch(/https?:|href|<script|url\(/i);
}

describe('charts (SVG strings rendered in Node with d3, no DOM)', () => {
  it('bar chart: one bar per value, value labels, both axis titles, highlight legend', () => {
    const svg = barChart({
      ...base,
      categories: ['1', '2', '3–5'],
      series: [{ name: 'Classes', values: [2337, 367, 0] }],
      highlight: [true, true, false],
      highlightLegend: { highlighted: 'below 5', plain: '5 or more' },
      xLabel: 'Class size (records per class)',
      yLabel: 'Number of classes',
    }).html;
    checkSvg(svg);
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(3);
    expect(svg).toContain('>2,337</text>');
    expect(svg).toContain('Class size (records per class)');
    expect(svg).toContain('rotate(-90)');
    expect(svg.match(/fill="#c0392b"/g)?.length).toBeGreaterThanOrEqual(3); // 2 bars + legend swatch
    expect(svg).toContain('below 5');
    // the tallest bar reaches the plot's top region, the zero bar has height 0
    expect(svg).toMatch(/<rect class="bar" [^>]*height="0"/);
  });

  it('bar chart with several series draws them side by side with a legend, and is deterministic', () => {
    const spec = {
      ...base,
      categories: ['> 0.33', '≤ 0.05'],
      series: [
        { name: 'Prosecutor', values: [600, 750] },
        { name: 'Journalist', values: [0, 1980] },
      ],
      xLabel: 'Risk band',
      yLabel: 'Number of records',
    };
    const svg = barChart(spec).html;
    checkSvg(svg);
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(4);
    expect(svg).toContain('>Prosecutor</text>');
    expect(svg).toContain('>Journalist</text>');
    expect(barChart(spec).html).toBe(svg);
  });

  it('all-zero data still gives a valid chart', () => {
    const svg = barChart({ ...base, categories: ['a'], series: [{ name: 's', values: [0] }], xLabel: 'x', yLabel: 'y' }).html;
    checkSvg(svg);
  });

  it('horizontal bar chart with a reference line', () => {
    const svg = horizontalBarChart({
      ...base,
      rows: [
        { label: 'without age', value: 12 },
        { label: 'without <zip>', value: 150 },
      ],
      reference: { value: 300, label: 'with all' },
      barLabel: 'uniques',
      xLabel: 'Sample-unique records (records)',
    }).html;
    checkSvg(svg);
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(2);
    expect(svg).toContain('without &lt;zip&gt;');
    expect(svg).toContain('class="reference"');
  });

  it('scatter chart with a threshold line and a highlighted point', () => {
    const svg = scatterChart({
      ...base,
      points: [
        { x: 0.1, y: 1, label: 'age 1' },
        { x: 0.3, y: 0.5, label: 'age 2', highlight: true },
      ],
      xLabel: 'Information loss',
      yLabel: 'Highest risk',
      yLine: { value: 0.09, label: 'threshold' },
      pointLabel: 'front',
      highlightLabel: 'optimum',
      connect: true,
    }).html;
    checkSvg(svg);
    expect(svg.match(/<circle class="point"/g)).toHaveLength(2);
    expect(svg).toContain('r="7"');
    expect(svg).toContain('class="reference"');
  });
});
