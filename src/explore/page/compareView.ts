/**
 * Compare: pinned nodes side by side (the server tabulates every threshold line, risk and
 * loss for them; the page lays the rows out).
 */
import type { ComparisonJson } from '../../contracts/explore.js';
import { api } from './api.js';
import { levelsText, type App } from './app.js';
import { byId, fill, h } from './dom.js';
import { fmtAny } from './format.js';

const pins: Record<string, number>[] = [];

/** Pins the node on display (once). */
export function pinCurrent(app: App): void {
  const key = levelsText(app.levels);
  if (!pins.some((p) => levelsText(p) === key)) pins.push({ ...app.levels });
  void refresh(app);
}

/** Builds the card's controls and table. */
export function renderCompareCard(app: App): void {
  fill(byId('compare-controls'), h('button', { id: 'pin', onClick: () => pinCurrent(app) }, 'Pin this node'), ' ', h('span', { className: 'hint' }, 'pin two or more nodes to see them side by side'));
  void refresh(app);
}

async function refresh(app: App): Promise<void> {
  const list = pins.map((p, i) =>
    h(
      'span',
      { className: 'pin', 'data-pin': levelsText(p) },
      h('a', { href: '#', onClick: (e: Event) => (e.preventDefault(), app.setLevels({ ...p })) }, `#${i + 1}`),
      ' ',
      levelsText(p),
      h('button', { title: 'unpin', 'aria-label': `unpin #${i + 1}`, onClick: () => (pins.splice(i, 1), void refresh(app)) }, '×'),
    ),
  );
  const body = byId('compare-body');
  if (pins.length < 2) {
    fill(body, h('div', { className: 'pins' }, ...list));
    return;
  }
  try {
    const c = await api<ComparisonJson>('/api/compare', { nodes: pins });
    const head = h('tr', {}, h('th', {}, ''), ...c.nodes.map((_, i) => h('th', {}, `#${i + 1}`)));
    const rows: HTMLElement[] = [];
    let group = '';
    for (const r of c.rows) {
      if (r.group !== group) {
        group = r.group;
        rows.push(h('tr', { className: 'group' }, h('th', { colspan: c.nodes.length + 1 }, group)));
      }
      rows.push(h('tr', { 'data-row': r.name }, h('td', {}, r.name), ...r.values.map((v, i) => h('td', { className: r.pass?.[i] === true ? 'pass' : r.pass?.[i] === false ? 'fail' : '', 'data-value': v === null ? '' : String(v) }, fmtAny(v)))));
    }
    fill(body, h('div', { className: 'pins' }, ...list), h('div', { className: 'scroll' }, h('table', { id: 'comparison' }, h('thead', {}, head), h('tbody', {}, ...rows))));
  } catch (e) {
    app.error(e instanceof Error ? e.message : String(e));
  }
}
