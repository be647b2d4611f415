/**
 * Shared pieces of the report's charts: SVG text built from d3 scales and formats, no DOM.
 * Coordinates are rounded to 0.1 so the output is stable; every text is escaped.
 */
import { format } from 'd3';
import { SafeHtml, escapeHtml } from '../safeHtml.js';

/** System fonts only: the report loads nothing. */
export const chartFont = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** How the numbers of an axis read. */
export type TickFormat = 'count' | 'risk' | 'measure';

/** Colours: a main series, an "at risk" highlight, and more series (colour-blind safe, print legible). */
export const palette = { main: '#3b6ea5', highlight: '#c0392b', series: ['#3b6ea5', '#e08a2c', '#5b9b4c', '#8a63a8'], grid: '#d9dde3', axis: '#4a4f57', text: '#1f2329' };

/** What every chart has: an id (unique in the report), a title and a description for screen readers. */
export interface ChartBase {
  id: string;
  title: string;
  /** One or two sentences saying what the chart shows, in plain words. */
  description: string;
}

/** Rounds a coordinate to 0.1. */
export function rd(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Escapes text for SVG content and attributes. */
export const esc = escapeHtml;

const formats: Record<TickFormat, (x: number) => string> = {
  count: format(',d'),
  risk: format('.2~r'),
  measure: format(',.3~r'),
};

/** Formats a tick or label value. */
export function formatTick(kind: TickFormat, x: number): string {
  return formats[kind](x);
}

/** Opening of a chart: the svg element with its title and description (role img, labelled). */
export function openSvg(base: ChartBase, width: number, height: number): string {
  const id = esc(base.id);
  return (
    `<svg class="chart-svg" id="${id}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" ` +
    `aria-labelledby="${id}-title ${id}-desc" font-family="${esc(chartFont)}" font-size="12" fill="${palette.text}">` +
    `<title id="${id}-title">${esc(base.title)}</title><desc id="${id}-desc">${esc(base.description)}</desc>` +
    `<text class="chart-title" x="${width / 2}" y="20" text-anchor="middle" font-size="15" font-weight="600">${esc(base.title)}</text>`
  );
}

/** Closes a chart and marks it safe to insert. */
export function closeSvg(parts: string[]): SafeHtml {
  return new SafeHtml(parts.join('') + '</svg>');
}

/** A horizontal axis title centred under the plot. */
export function xAxisTitle(text: string, x: number, y: number): string {
  return `<text class="axis-title" x="${rd(x)}" y="${rd(y)}" text-anchor="middle" font-size="12.5">${esc(text)}</text>`;
}

/** A vertical axis title, rotated, left of the plot. */
export function yAxisTitle(text: string, x: number, y: number): string {
  return `<text class="axis-title" transform="translate(${rd(x)},${rd(y)}) rotate(-90)" text-anchor="middle" font-size="12.5">${esc(text)}</text>`;
}

export interface LegendEntry {
  label: string;
  color: string;
  /** A dashed line (a reference or threshold line) instead of a swatch. */
  dashed?: boolean;
}

/** Approximate width of a legend row (for right alignment). */
export function legendWidth(entries: readonly LegendEntry[]): number {
  return entries.reduce((w, e) => w + 18 + e.label.length * 6.4 + 18, 0) - 18;
}

/** Legend entries in a row ending at x = right, baseline y. */
export function legend(entries: readonly LegendEntry[], right: number, y: number): string {
  let cx = right - legendWidth(entries);
  const parts: string[] = [];
  for (const e of entries) {
    parts.push(
      e.dashed
        ? `<line x1="${rd(cx)}" y1="${rd(y - 4)}" x2="${rd(cx + 14)}" y2="${rd(y - 4)}" stroke="${e.color}" stroke-width="2" stroke-dasharray="4 3"/>`
        : `<rect x="${rd(cx)}" y="${rd(y - 10)}" width="12" height="12" fill="${e.color}"/>`,
    );
    parts.push(`<text x="${rd(cx + 18)}" y="${rd(y)}" font-size="11.5">${esc(e.label)}</text>`);
    cx += 18 + e.label.length * 6.4 + 18;
  }
  return `<g class="legend">${parts.join('')}</g>`;
}
