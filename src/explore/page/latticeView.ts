/**
 * The lattice card: "run the search" with its progress, then the evaluated nodes and the
 * (loss, risk) front, the optimum marked; a click on a node loads it.
 */
import type { JobJson, LatticeNodeJson } from '../../contracts/explore.js';
import type { SearchJson } from '../../contracts/search.js';
import { api } from './api.js';
import { levelsArray, levelsByName, levelsText, type App } from './app.js';
import { byId, fill, h } from './dom.js';
import { fmtCount, fmtMeasure } from './format.js';
import { frontChart, latticeChart, type LatticeView } from './latticeCharts.js';

let result: { json: SearchJson; nodes: LatticeNodeJson[] } | undefined;

/** Builds the card's controls. */
export function renderLatticeCard(app: App): void {
  const button = h('button', { id: 'run-search', onClick: () => void run(app) }, 'Run the search');
  fill(byId('lattice-controls'), button, ' ', h('progress', { id: 'search-progress', max: 1, value: 0, hidden: true }), ' ', h('span', { id: 'search-status', className: 'hint' }, `${fmtCount(app.session.latticeSize)} nodes; the search checks only a few of them.`));
  drawLattice(app);
}

async function run(app: App): Promise<void> {
  const button = byId<HTMLButtonElement>('run-search');
  const progress = byId<HTMLProgressElement>('search-progress');
  const status = byId('search-status');
  button.disabled = true;
  progress.hidden = false;
  try {
    await api<JobJson>('/api/search', {});
    const job = await app.pollJob((j) => {
      if (j.total) {
        progress.max = j.total;
        progress.value = j.checked ?? 0;
      }
      status.textContent = j.stage;
    });
    if (job.state === 'failed') throw new Error(job.error ?? 'the search failed');
    result = job.search;
    const o = result?.json.optimum;
    status.textContent = result
      ? `${fmtCount(result.json.lattice.checked)} of ${fmtCount(result.json.lattice.nodes)} nodes checked in ${fmtCount(result.json.elapsedMs)} ms; ` +
        (o ? `optimum ${levelsText(o.levels)} (${o.metric} ${fmtMeasure(o.utility)}, k ${o.k}, ${fmtCount(o.suppressed)} suppressed)` : 'no node meets every threshold')
      : '';
    status.setAttribute('data-optimum', o ? levelsText(o.levels) : '');
    drawLattice(app);
  } catch (e) {
    app.error(e instanceof Error ? e.message : String(e));
  } finally {
    button.disabled = false;
    progress.hidden = true;
  }
}

/** Draws (or redraws, with the current node ringed) the two charts. */
export function drawLattice(app: App): void {
  const charts = byId('lattice-charts');
  if (!result) {
    fill(charts, h('p', { className: 'hint' }, 'Run the search to see the feasible and infeasible nodes it evaluated, the (risk, loss) front and the optimum.'));
    return;
  }
  const names = app.session.quasiIdentifiers.map((q) => q.attribute);
  const view: LatticeView = {
    nodes: result.nodes,
    optimum: result.json.optimum ? levelsArray(app.session, result.json.optimum.levels) : undefined,
    current: levelsArray(app.session, app.levels),
    front: result.json.front.map((f) => levelsArray(app.session, f.levels)),
    metric: result.json.metric,
    names,
    onPick: (levels) => app.setLevels(levelsByName(app.session, levels)),
  };
  const a = h('div', { id: 'lattice-chart' });
  const b = h('div', { id: 'front-chart' });
  const legend = h('div', { className: 'legend' }, h('span', {}, h('i', { className: 'feasible' }), 'feasible'), h('span', {}, h('i', { className: 'infeasible' }), 'infeasible'), h('span', {}, h('i', { className: 'optimum' }), 'optimum'), h('span', {}, h('i', { className: 'current' }), 'on display'));
  fill(charts, h('div', { className: 'charts' }, a, b), legend);
  latticeChart(a, view);
  frontChart(b, view);
}
