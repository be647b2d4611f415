/**
 * Horizontal bar chart with an optional reference line (e.g. today's value), as an SVG string.
 */
import { max, scaleBand, scaleLinear } from 'd3';
import type { SafeHtml } from '../safeHtml.js';
import { closeSvg, esc, formatTick, legend, openSvg, palette, rd, xAxisTitle, type ChartBase, type LegendEntry, type TickFormat } from './svg.js';

export interface HorizontalBarChartSpec extends ChartBase {
  rows: readonly { label: string; value: number }[];
  /** X axis title, with the unit. */
  xLabel: string;
  xFormat?: TickFormat;
  /** A vertical dashed line, e.g. the value before any change. */
  reference?: { value: number; label: string };
  /** Legend label of the bars. */
  barLabel: string;
  width?: number;
}

/** Renders one bar per row, labelled on the left, values at the bar ends. */
export function horizontalBarChart(spec: HorizontalBarChartSpec): SafeHtml {
  const width = spec.width ?? 720;
  const rowHeight = 30;
  const margin = { top: 62, right: 70, bottom: 50, left: 150 };
  const height = margin.top + margin.bottom + Math.max(1, spec.rows.length) * rowHeight;
  const xFormat = spec.xFormat ?? 'count';
  const top = Math.max(max(spec.rows, (r) => r.value) ?? 0, spec.reference?.value ?? 0);
  const x = scaleLinear()
    .domain([0, top > 0 ? top : 1])
    .nice(5)
    .range([margin.left, width - margin.right]);
  const y = scaleBand<string>()
    .domain(spec.rows.map((_, i) => String(i)))
    .range([margin.top, height - margin.bottom])
    .padding(0.25);
  const parts = [openSvg(spec, width, height)];
  const bottom = height - margin.bottom;
  for (const t of x.ticks(5).filter((t) => xFormat !== 'count' || Number.isInteger(t))) {
    const tx = rd(x(t));
    parts.push(`<line x1="${tx}" x2="${tx}" y1="${margin.top}" y2="${bottom}" stroke="${palette.grid}"/>`);
    parts.push(`<text x="${tx}" y="${bottom + 16}" text-anchor="middle" font-size="11">${esc(formatTick(xFormat, t))}</text>`);
  }
  spec.rows.forEach((r, i) => {
    const by = y(String(i)) ?? 0;
    const bw = Math.max(0, x(r.value) - x(0));
    parts.push(
      `<rect class="bar" x="${margin.left}" y="${rd(by)}" width="${rd(bw)}" height="${rd(y.bandwidth())}" fill="${palette.main}">` +
        `<title>${esc(`${r.label}: ${formatTick(xFormat, r.value)}`)}</title></rect>`,
    );
    parts.push(`<text class="tick" x="${margin.left - 8}" y="${rd(by + y.bandwidth() / 2 + 4)}" text-anchor="end" font-size="11.5">${esc(r.label)}</text>`);
    parts.push(`<text class="bar-value" x="${rd(margin.left + bw + 5)}" y="${rd(by + y.bandwidth() / 2 + 4)}" font-size="11">${esc(formatTick(xFormat, r.value))}</text>`);
  });
  parts.push(`<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${bottom}" stroke="${palette.axis}"/>`);
  parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${bottom}" y2="${bottom}" stroke="${palette.axis}"/>`);
  const entries: LegendEntry[] = [{ label: spec.barLabel, color: palette.main }];
  if (spec.reference) {
    const rx = rd(x(spec.reference.value));
    parts.push(`<line class="reference" x1="${rx}" x2="${rx}" y1="${margin.top - 6}" y2="${bottom}" stroke="${palette.highlight}" stroke-width="2" stroke-dasharray="5 4"/>`);
    entries.push({ label: spec.reference.label, color: palette.highlight, dashed: true });
  }
  parts.push(legend(entries, width - margin.right, 42));
  parts.push(xAxisTitle(spec.xLabel, margin.left + (width - margin.left - margin.right) / 2, height - 12));
  return closeSvg(parts);
}
