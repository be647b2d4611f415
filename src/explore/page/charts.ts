/**
 * The node's charts, drawn with d3 into the page: records by class-size band (bands below
 * the required size in red) and each QI's information loss. Only figures the server sent.
 */
import { axisBottom, axisLeft, max, scaleBand, scaleLinear, select } from 'd3';
import type { NodeWireJson, SizeBandJson } from '../../contracts/explore.js';
import { fmtCount, fmtMeasure } from './format.js';

const W = 520;
const H = 230;
const M = { top: 12, right: 12, bottom: 44, left: 58 };

function svgIn(el: HTMLElement, label: string) {
  el.replaceChildren();
  return select(el).append('svg').attr('viewBox', `0 0 ${W} ${H}`).attr('width', '100%').attr('role', 'img').attr('aria-label', label);
}

function bandLabel(b: SizeBandJson): string {
  if (b.to === null) return `${b.from}+`;
  return b.from === b.to ? String(b.from) : `${b.from}–${b.to}`;
}

/** Records and classes by class-size band. */
export function histogramChart(el: HTMLElement, bands: readonly SizeBandJson[], required: number): void {
  const svg = svgIn(el, 'records by class size');
  const x = scaleBand<string>()
    .domain(bands.map(bandLabel))
    .range([M.left, W - M.right])
    .padding(0.15);
  const y = scaleLinear()
    .domain([0, max(bands, (b) => b.records) || 1])
    .nice()
    .range([H - M.bottom, M.top]);
  svg
    .append('g')
    .attr('class', 'axis')
    .attr('transform', `translate(0,${H - M.bottom})`)
    .call(axisBottom(x));
  svg
    .append('g')
    .attr('class', 'axis')
    .attr('transform', `translate(${M.left},0)`)
    .call(axisLeft(y).ticks(5).tickFormat((d) => fmtCount(Number(d))));
  svg
    .append('g')
    .selectAll('rect')
    .data(bands)
    .join('rect')
    .attr('class', (b) => (b.to !== null && b.to < required ? 'bar below' : 'bar'))
    .attr('x', (b) => x(bandLabel(b)) ?? 0)
    .attr('width', x.bandwidth())
    .attr('y', (b) => y(b.records))
    .attr('height', (b) => y(0) - y(b.records))
    .append('title')
    .text((b) => `class size ${bandLabel(b)}: ${fmtCount(b.classes)} classes, ${fmtCount(b.records)} records`);
  svg
    .append('text')
    .attr('x', (M.left + W - M.right) / 2)
    .attr('y', H - 8)
    .attr('text-anchor', 'middle')
    .attr('fill', '#5d6470')
    .text('class size (records per class); red: below the required size');
}

/** Each QI's Iyengar loss L_d and generalization height (precision) at the node. */
export function perQiChart(el: HTMLElement, node: NodeWireJson): void {
  const rows = node.utility.perQi;
  const svg = svgIn(el, 'information loss per quasi-identifier');
  const x = scaleBand<string>()
    .domain(rows.map((r) => r.attribute))
    .range([M.left, W - M.right])
    .padding(0.2);
  const inner = scaleBand<string>().domain(['loss', 'precision']).range([0, x.bandwidth()]).padding(0.08);
  const bottom = M.bottom + 22;
  const y = scaleLinear().domain([0, 1]).range([H - bottom, M.top]);
  svg
    .append('g')
    .attr('class', 'axis')
    .attr('transform', `translate(0,${H - bottom})`)
    .call(axisBottom(x))
    .selectAll('text')
    .attr('transform', 'rotate(-28)')
    .attr('text-anchor', 'end')
    .attr('dx', '-0.3em')
    .attr('dy', '0.6em');
  svg
    .append('g')
    .attr('class', 'axis')
    .attr('transform', `translate(${M.left},0)`)
    .call(axisLeft(y).ticks(5));
  const g = svg
    .append('g')
    .selectAll('g')
    .data(rows)
    .join('g')
    .attr('transform', (r) => `translate(${x(r.attribute) ?? 0},0)`);
  for (const key of ['loss', 'precision'] as const) {
    g.append('rect')
      .attr('class', key === 'loss' ? 'bar' : 'bar second')
      .attr('x', inner(key) ?? 0)
      .attr('width', inner.bandwidth())
      .attr('y', (r) => y(r[key]))
      .attr('height', (r) => y(0) - y(r[key]))
      .append('title')
      .text((r) => `${r.attribute}, level ${r.level} of ${r.height}: ${key} ${fmtMeasure(r[key])}`);
  }
  svg
    .append('text')
    .attr('x', (M.left + W - M.right) / 2)
    .attr('y', H - 8)
    .attr('text-anchor', 'middle')
    .attr('fill', '#5d6470')
    .text("blue: Iyengar's loss L_d; orange: generalization height (precision)");
}
