/**
 * The search's view, drawn with d3: the evaluated nodes of the lattice by height (sum of the
 * levels) and loss, feasible or not; and the (loss, highest risk) front of the feasible ones.
 * The optimum is black, the node on display ringed; a click on a node loads it.
 */
import { axisBottom, axisLeft, extent, scaleLinear, select, type Selection } from 'd3';
import type { LatticeNodeJson } from '../../contracts/explore.js';
import { fmtMeasure } from './format.js';

export interface LatticeView {
  nodes: readonly LatticeNodeJson[];
  /** Levels of the optimum, when there is one. */
  optimum?: readonly number[];
  /** Levels of the node on display. */
  current: readonly number[];
  /** Levels of the front's nodes, by ascending loss. */
  front: readonly (readonly number[])[];
  metric: string;
  names: readonly string[];
  onPick: (levels: readonly number[]) => void;
}

const W = 520;
const H = 280;
const M = { top: 12, right: 14, bottom: 44, left: 62 };
const same = (a: readonly number[], b: readonly number[] | undefined) => !!b && a.length === b.length && a.every((x, i) => x === b[i]);

type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

function frame(el: HTMLElement, label: string, xTitle: string, yTitle: string, x: ReturnType<typeof scaleLinear<number, number>>, y: ReturnType<typeof scaleLinear<number, number>>, integerX: boolean): Svg {
  el.replaceChildren();
  const svg = select(el).append('svg').attr('viewBox', `0 0 ${W} ${H}`).attr('width', '100%').attr('role', 'img').attr('aria-label', label);
  const xa = axisBottom(x).ticks(8);
  if (integerX) xa.tickFormat((d) => (Number.isInteger(Number(d)) ? String(d) : ''));
  svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${H - M.bottom})`).call(xa);
  svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.left},0)`).call(axisLeft(y).ticks(6).tickFormat((d) => fmtMeasure(Number(d))));
  svg.append('text').attr('x', (M.left + W - M.right) / 2).attr('y', H - 8).attr('text-anchor', 'middle').attr('fill', '#5d6470').text(xTitle);
  svg.append('text').attr('transform', `translate(14,${(M.top + H - M.bottom) / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('fill', '#5d6470').text(yTitle);
  return svg;
}

function levelsText(names: readonly string[], levels: readonly number[]): string {
  return names.map((n, i) => `${n}=${levels[i]}`).join(', ');
}

function points(svg: Svg, view: LatticeView, data: readonly LatticeNodeJson[], px: (n: LatticeNodeJson) => number, py: (n: LatticeNodeJson) => number): void {
  // Infeasible nodes below feasible ones, the optimum on top (each stays clickable).
  const order = (n: LatticeNodeJson) => (same(n.levels, view.optimum) ? 2 : n.feasible ? 1 : 0);
  svg
    .append('g')
    .selectAll('circle')
    .data([...data].sort((a, b) => order(a) - order(b)))
    .join('circle')
    .attr('class', (n) => `pt ${same(n.levels, view.optimum) ? 'optimum' : n.feasible ? 'feasible' : 'infeasible'}`)
    .attr('data-levels', (n) => n.levels.join(','))
    .attr('cx', px)
    .attr('cy', py)
    .attr('r', (n) => (same(n.levels, view.optimum) ? 5.5 : 3.2))
    .on('click', (_e, n) => view.onPick(n.levels))
    .append('title')
    .text((n) => `${levelsText(view.names, n.levels)}\n${n.feasible ? 'feasible' : 'infeasible'}; ${view.metric} ${fmtMeasure(n.utility)}; highest risk ${fmtMeasure(n.highestRisk)}; k ${n.k}`);
  const cur = data.find((n) => same(n.levels, view.current));
  if (cur) svg.append('circle').attr('class', 'ring').attr('cx', px(cur)).attr('cy', py(cur)).attr('r', 8);
}

/** Evaluated nodes by height in the lattice (x, jittered within a height) and loss (y). */
export function latticeChart(el: HTMLElement, view: LatticeView): void {
  const sums = extent(view.nodes, (n) => n.levelSum) as [number, number];
  const x = scaleLinear()
    .domain([(sums[0] ?? 0) - 0.5, (sums[1] ?? 1) + 0.5])
    .range([M.left, W - M.right]);
  const y = scaleLinear()
    .domain([0, Math.max(1e-12, ...view.nodes.map((n) => n.utility))])
    .nice()
    .range([H - M.bottom, M.top]);
  const svg = frame(el, 'lattice nodes evaluated by the search', 'height in the lattice (sum of the levels)', view.metric, x, y, true);
  // Spread the nodes of one height over ±0.35, in a fixed order.
  const byHeight = new Map<number, number>();
  const rank = new Map<LatticeNodeJson, number>();
  for (const n of view.nodes) {
    const i = byHeight.get(n.levelSum) ?? 0;
    rank.set(n, i);
    byHeight.set(n.levelSum, i + 1);
  }
  const jitter = (n: LatticeNodeJson) => {
    const count = byHeight.get(n.levelSum) ?? 1;
    return count <= 1 ? 0 : ((rank.get(n) ?? 0) / (count - 1) - 0.5) * 0.7;
  };
  points(svg, view, view.nodes, (n) => x(n.levelSum + jitter(n)), (n) => y(n.utility));
}

/** Feasible nodes by loss (x) and highest risk (y), the front joined. */
export function frontChart(el: HTMLElement, view: LatticeView): void {
  const feasible = view.nodes.filter((n) => n.feasible);
  const xs = extent(feasible, (n) => n.utility) as [number, number];
  const x = scaleLinear()
    .domain([Math.min(0, xs[0] ?? 0), Math.max(1e-12, xs[1] ?? 1)])
    .nice()
    .range([M.left, W - M.right]);
  const y = scaleLinear()
    .domain([0, Math.max(1e-12, ...feasible.map((n) => n.highestRisk))])
    .nice()
    .range([H - M.bottom, M.top]);
  const svg = frame(el, 'risk and loss of the feasible nodes', `${view.metric} (information loss)`, 'highest risk', x, y, false);
  const front = view.front.map((lv) => feasible.find((n) => same(n.levels, lv))).filter((n): n is LatticeNodeJson => n !== undefined);
  if (front.length > 1) {
    svg
      .append('path')
      .attr('class', 'front')
      .attr('d', 'M' + front.map((n) => `${x(n.utility)},${y(n.highestRisk)}`).join('L'));
  }
  points(svg, view, feasible, (n) => x(n.utility), (n) => y(n.highestRisk));
}
