/**
 * Scatter chart (e.g. the search's Pareto front: utility loss against highest risk), as an SVG string.
 */
import { extent, scaleLinear } from 'd3';
import type { SafeHtml } from '../safeHtml.js';
import { closeSvg, esc, formatTick, legend, openSvg, palette, rd, xAxisTitle, yAxisTitle, type ChartBase, type LegendEntry, type TickFormat } from './svg.js';

export interface ScatterPoint {
  x: number;
  y: number;
  /** Shown on hover (no values of the data: e.g. hierarchy levels). */
  label: string;
  highlight?: boolean;
}

export interface ScatterChartSpec extends ChartBase {
  points: readonly ScatterPoint[];
  xLabel: string;
  yLabel: string;
  xFormat?: TickFormat;
  yFormat?: TickFormat;
  /** A horizontal dashed line, e.g. the risk threshold. */
  yLine?: { value: number; label: string };
  pointLabel: string;
  highlightLabel?: string;
  /** Join the points in x order (a front). */
  connect?: boolean;
  width?: number;
  height?: number;
}

/** Renders points on linear axes, with titles, ticks and an optional threshold line. */
export function scatterChart(spec: ScatterChartSpec): SafeHtml {
  const width = spec.width ?? 720;
  const height = spec.height ?? 340;
  const margin = { top: 62, right: 24, bottom: 62, left: 74 };
  const xs = extent(spec.points, (p) => p.x);
  const ys = extent([...spec.points.map((p) => p.y), spec.yLine?.value ?? 0, 0]);
  const x = scaleLinear()
    .domain([Math.min(0, xs[0] ?? 0), (xs[1] ?? 1) > 0 ? (xs[1] as number) : 1])
    .nice(5)
    .range([margin.left, width - margin.right]);
  const y = scaleLinear()
    .domain([0, (ys[1] ?? 1) > 0 ? (ys[1] as number) : 1])
    .nice(5)
    .range([height - margin.bottom, margin.top]);
  const xf = spec.xFormat ?? 'measure';
  const yf = spec.yFormat ?? 'risk';
  const bottom = height - margin.bottom;
  const parts = [openSvg(spec, width, height)];
  for (const t of y.ticks(5)) {
    const ty = rd(y(t));
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${ty}" y2="${ty}" stroke="${palette.grid}"/>`);
    parts.push(`<text x="${margin.left - 8}" y="${rd(ty + 4)}" text-anchor="end" font-size="11">${esc(formatTick(yf, t))}</text>`);
  }
  for (const t of x.ticks(6)) {
    parts.push(`<text x="${rd(x(t))}" y="${bottom + 16}" text-anchor="middle" font-size="11">${esc(formatTick(xf, t))}</text>`);
  }
  parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${bottom}" y2="${bottom}" stroke="${palette.axis}"/>`);
  parts.push(`<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${bottom}" stroke="${palette.axis}"/>`);
  const entries: LegendEntry[] = [{ label: spec.pointLabel, color: palette.main }];
  if (spec.yLine) {
    const ly = rd(y(spec.yLine.value));
    parts.push(`<line class="reference" x1="${margin.left}" x2="${width - margin.right}" y1="${ly}" y2="${ly}" stroke="${palette.highlight}" stroke-width="2" stroke-dasharray="5 4"/>`);
    entries.push({ label: spec.yLine.label, color: palette.highlight, dashed: true });
  }
  if (spec.connect && spec.points.length > 1) {
    const path = [...spec.points].sort((a, b) => a.x - b.x).map((p, i) => `${i ? 'L' : 'M'}${rd(x(p.x))},${rd(y(p.y))}`).join('');
    parts.push(`<path d="${path}" fill="none" stroke="${palette.main}" stroke-width="1.5" opacity="0.6"/>`);
  }
  for (const p of spec.points) {
    parts.push(
      `<circle class="point" cx="${rd(x(p.x))}" cy="${rd(y(p.y))}" r="${p.highlight ? 7 : 4.5}" fill="${p.highlight ? palette.series[1] : palette.main}" stroke="#fff" stroke-width="1">` +
        `<title>${esc(`${p.label}: ${formatTick(xf, p.x)}, ${formatTick(yf, p.y)}`)}</title></circle>`,
    );
  }
  if (spec.highlightLabel && spec.points.some((p) => p.highlight)) entries.push({ label: spec.highlightLabel, color: palette.series[1] });
  parts.push(legend(entries, width - margin.right, 42));
  parts.push(xAxisTitle(spec.xLabel, margin.left + (width - margin.left - margin.right) / 2, height - 16));
  parts.push(yAxisTitle(spec.yLabel, 18, margin.top + (bottom - margin.top) / 2));
  return closeSvg(parts);
}
