/**
 * "What to generalize next": for each QI, the node with it one level up as the search
 * evaluates it (feasible, k, records below the required size, loss), and this node's k and
 * sample uniques with the QI dropped or one level up (the per-QI contribution).
 */
import type { NextJson, NextStepJson } from '../../contracts/explore.js';
import type { App } from './app.js';
import { byId, fill, h } from './dom.js';
import { fmtCount, fmtMeasure } from './format.js';

/** Shows that the steps are being computed. */
export function pendingNext(): void {
  fill(byId('next-body'), h('p', { className: 'hint' }, 'computing…'));
}

/** The next steps, or the offer to compute them on a large node. */
export function renderNextAnswer(app: App, answer: NextJson, compute: () => void): void {
  if (answer.steps) return renderNext(app, answer.steps);
  const skipped = answer.skipped!;
  fill(
    byId('next-body'),
    h('p', { className: 'hint' }, `This node has ${fmtCount(skipped.classes)} classes, more than the ${fmtCount(skipped.limit)} the next steps are computed for unasked (they evaluate one more node per QI and recode the output twice per QI: seconds at this size). `, h('button', { id: 'compute-next', className: 'small secondary', onClick: compute }, 'compute them')),
  );
}

/** The table of next steps. */
function renderNext(app: App, steps: readonly NextStepJson[]): void {
  const metric = steps.find((s) => s.up)?.up?.metric ?? 'loss';
  const head = h(
    'tr',
    {},
    ...['QI', 'level', 'feasible', 'k', 'below required', metric, 'dropped: k', 'uniques', 'one up: k', 'uniques', ''].map((x) => h('th', {}, x)),
  );
  const rows = steps.map((s) =>
    h(
      'tr',
      { 'data-next': s.attribute },
      h('td', {}, s.attribute),
      h('td', {}, s.up ? `${s.up.level - 1} → ${s.up.level}` : 'top'),
      h('td', { className: s.up ? (s.up.feasible ? 'pass' : 'fail') : '' }, s.up ? (s.up.feasible ? 'yes' : 'no') : ''),
      h('td', {}, s.up ? fmtCount(s.up.k) : ''),
      h('td', {}, s.up ? fmtCount(s.up.belowRequired) : ''),
      h('td', {}, s.up ? fmtMeasure(s.up.utility) : ''),
      h('td', {}, fmtCount(s.contribution.dropped.k)),
      h('td', {}, fmtCount(s.contribution.dropped.sampleUniques)),
      h('td', {}, s.contribution.generalized ? fmtCount(s.contribution.generalized.k) : ''),
      h('td', {}, s.contribution.generalized ? fmtCount(s.contribution.generalized.sampleUniques) : ''),
      h('td', {}, s.up ? h('button', { className: 'small secondary', onClick: () => app.setLevels({ ...app.levels, [s.attribute]: s.up!.level }) }, 'raise') : ''),
    ),
  );
  fill(
    byId('next-body'),
    h('div', { className: 'scroll' }, h('table', {}, h('thead', {}, head), h('tbody', {}, ...rows))),
    h('p', { className: 'hint' }, `One level up: the search's evaluation of that node (${metric} counts the records below the required size as suppressed). Dropped / one up: k and sample uniques of this node's output with the QI removed or generalized one more level.`),
  );
}
