/**
 * Vertical bar chart (one series, or several side by side), as an SVG string.
 */
import { max, scaleBand, scaleLinear } from 'd3';
import type { SafeHtml } from '../safeHtml.js';
import { closeSvg, esc, formatTick, legend, openSvg, palette, rd, xAxisTitle, yAxisTitle, type ChartBase, type LegendEntry, type TickFormat } from './svg.js';

export interface BarSeries {
  name: string;
  values: readonly number[];
}

export interface BarChartSpec extends ChartBase {
  /** Category labels along the x axis. */
  categories: readonly string[];
  /** One series, or several drawn side by side with a legend. */
  series: readonly BarSeries[];
  xLabel: string;
  /** Y axis title, with the unit (e.g. "Records"). */
  yLabel: string;
  yFormat?: TickFormat;
  /** Single series: categories drawn in the highlight colour (e.g. classes below the required size). */
  highlight?: readonly boolean[];
  /** Legend labels for highlighted and plain bars (single series). */
  highlightLegend?: { highlighted: string; plain: string };
  width?: number;
  height?: number;
}

/** Renders a bar chart with a title, both axes with their titles, value labels and gridlines. */
export function barChart(spec: BarChartSpec): SafeHtml {
  const width = spec.width ?? 720;
  const height = spec.height ?? 340;
  const legendEntries = legendOf(spec);
  const margin = { top: legendEntries.length ? 62 : 44, right: 20, bottom: 62, left: 74 };
  const yFormat = spec.yFormat ?? 'count';
  const top = max(spec.series.flatMap((s) => s.values)) ?? 0;
  const y = scaleLinear()
    .domain([0, top > 0 ? top * 1.06 : 1]) // headroom for the value labels
    .nice(5)
    .range([height - margin.bottom, margin.top]);
  const x = scaleBand<string>()
    .domain(spec.categories.map((_, i) => String(i)))
    .range([margin.left, width - margin.right])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const inner = scaleBand<string>()
    .domain(spec.series.map((_, i) => String(i)))
    .range([0, x.bandwidth()])
    .paddingInner(spec.series.length > 1 ? 0.08 : 0);
  const parts = [openSvg(spec, width, height)];
  const ticks = y.ticks(5).filter((t) => yFormat !== 'count' || Number.isInteger(t));
  for (const t of ticks) {
    const ty = rd(y(t));
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${ty}" y2="${ty}" stroke="${palette.grid}" stroke-width="1"/>`);
    parts.push(`<text x="${margin.left - 8}" y="${rd(ty + 4)}" text-anchor="end" font-size="11">${esc(formatTick(yFormat, t))}</text>`);
  }
  const many = spec.series.length > 1;
  spec.series.forEach((s, si) => {
    s.values.forEach((v, ci) => {
      const bx = (x(String(ci)) ?? 0) + (inner(String(si)) ?? 0);
      const bw = inner.bandwidth();
      const by = y(v);
      const color = many ? palette.series[si % palette.series.length] : spec.highlight?.[ci] ? palette.highlight : palette.main;
      parts.push(
        `<rect class="bar" x="${rd(bx)}" y="${rd(by)}" width="${rd(bw)}" height="${rd(Math.max(0, y(0) - by))}" fill="${color}">` +
          `<title>${esc(`${spec.categories[ci]}${many ? `, ${s.name}` : ''}: ${formatTick(yFormat, v)}`)}</title></rect>`,
      );
      parts.push(
        `<text class="bar-value" x="${rd(bx + bw / 2)}" y="${rd(by - 4)}" text-anchor="middle" font-size="${many ? 9.5 : 11}">${esc(formatTick(yFormat, v))}</text>`,
      );
    });
  });
  const axisY = rd(y(0));
  parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${axisY}" y2="${axisY}" stroke="${palette.axis}"/>`);
  parts.push(`<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${axisY}" stroke="${palette.axis}"/>`);
  spec.categories.forEach((c, ci) => {
    const cx = (x(String(ci)) ?? 0) + x.bandwidth() / 2;
    parts.push(`<text class="tick" x="${rd(cx)}" y="${rd(axisY + 16)}" text-anchor="middle" font-size="11">${esc(c)}</text>`);
  });
  parts.push(xAxisTitle(spec.xLabel, margin.left + (width - margin.left - margin.right) / 2, height - 16));
  parts.push(yAxisTitle(spec.yLabel, 18, margin.top + (axisY - margin.top) / 2));
  if (legendEntries.length) parts.push(legend(legendEntries, width - margin.right, 42));
  return closeSvg(parts);
}

function legendOf(spec: BarChartSpec): LegendEntry[] {
  if (spec.series.length > 1) return spec.series.map((s, i) => ({ label: s.name, color: palette.series[i % palette.series.length] }));
  if (spec.highlightLegend && spec.highlight?.some(Boolean)) {
    return [
      { label: spec.highlightLegend.highlighted, color: palette.highlight },
      { label: spec.highlightLegend.plain, color: palette.main },
    ];
  }
  return [];
}
