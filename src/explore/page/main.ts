/**
 * edra explore's page: the layout, the node on display, and the loop — every change of a
 * level or a setting asks the server to measure the node again (the server measures; the
 * page only shows what it is sent).
 */
import type { JobJson, NextJson, NodeWireJson, SessionJson } from '../../contracts/explore.js';
import { api, ApiError, keepAlive } from './api.js';
import type { App } from './app.js';
import { renderCompareCard } from './compareView.js';
import { renderLevels, renderSettings, showLevels, type ControlCallbacks } from './controls.js';
import { byId, card, fill, h } from './dom.js';
import { fmtCount } from './format.js';
import { renderKeep } from './keepView.js';
import { drawLattice, renderLatticeCard } from './latticeView.js';
import { pendingNext, renderNextAnswer } from './nextView.js';
import { renderExtras, renderHistogram, renderKpis, renderLines, renderLoss, renderRisk } from './nodeView.js';

function layout(session: SessionJson): HTMLElement {
  const ds = session.dataset;
  return h(
    'div',
    {},
    h(
      'header',
      { className: 'top' },
      h('h1', {}, 'edra explore'),
      h('span', { className: 'facts' }, `${session.name ?? session.spec} · ${ds.path} · ${fmtCount(ds.records)} records · ${session.quasiIdentifiers.length} QIs · ${session.adversaryModels.join(', ')}`),
      h('span', { id: 'timing', className: 'timing' }),
      h('span', { id: 'verdict', className: 'badge' }, '…'),
    ),
    h('div', { id: 'banner', className: 'banner', role: 'alert' }),
    h(
      'div',
      { className: 'layout' },
      h(
        'aside',
        { id: 'side' },
        h('h3', {}, 'Generalization'),
        h('div', { id: 'levels' }),
        h('h3', {}, 'Suppression'),
        h('div', { id: 'suppression' }),
        h('h3', {}, 'Thresholds'),
        h('div', { id: 'thresholds' }),
        h('h3', {}, 'Keep'),
        h('div', { id: 'keep', className: 'keep' }),
      ),
      h(
        'main',
        { id: 'main' },
        h('div', { id: 'kpis', className: 'kpis' }),
        card('lines', 'Thresholds at this node', h('div', { id: 'lines-body' })),
        card('risk', 'Risk by attacker model', h('div', { id: 'risk-body' })),
        card('loss', 'Information loss', h('div', { id: 'loss-body' })),
        card('hist', 'Class sizes', h('div', { id: 'hist-body' })),
        wide(card('next', 'What to generalize next', h('div', { id: 'next-body' }))),
        card('sensitive', 'Sensitive attributes', h('div', { id: 'sensitive-body' })),
        card('population', 'Population', h('div', { id: 'population-body' })),
        wide(card('lattice', 'Lattice', h('div', { id: 'lattice-controls' }), h('div', { id: 'lattice-charts' }))),
        wide(card('compare', 'Compare', h('div', { id: 'compare-controls' }), h('div', { id: 'compare-body' }))),
      ),
    ),
  );
}

function wide(el: HTMLElement): HTMLElement {
  el.classList.add('wide');
  return el;
}

async function start(): Promise<void> {
  const root = byId('app');
  let session = await api<SessionJson>('/api/session');
  fill(root, layout(session));
  let seq = 0;
  let lastNode: NodeWireJson | undefined;

  const app: App = {
    session,
    levels: { ...session.startLevels },
    setLevels(levels) {
      app.levels = { ...levels };
      showLevels(app.session, app.levels);
      schedule();
    },
    error(text) {
      fill(byId('banner'), text);
    },
    async pollJob(onUpdate) {
      for (;;) {
        const job = await api<JobJson | null>('/api/job');
        if (!job) throw new Error('no job is running');
        onUpdate(job);
        if (job.state !== 'running') return job;
        await new Promise((r) => setTimeout(r, 250));
      }
    },
  };

  const measure = async () => {
    const mine = ++seq;
    try {
      const node = await api<NodeWireJson>('/api/node', { levels: app.levels });
      if (mine !== seq) return;
      lastNode = node;
      app.error('');
      const limit = app.session.settings.thresholds.highestRisk;
      renderKpis(node, typeof limit === 'number' ? limit : undefined);
      renderLines(node);
      renderRisk(node);
      renderLoss(node);
      renderHistogram(node);
      renderExtras(node);
      drawLattice(app);
      document.body.setAttribute('data-node', Object.values(node.levels).join(','));
      pendingNext();
      const levels = app.levels;
      const next = (force: boolean) =>
        api<NextJson>('/api/next', { levels, force }).then((answer) => {
          if (mine === seq) renderNextAnswer(app, answer, () => (pendingNext(), void next(true)));
        });
      await next(false);
    } catch (e) {
      if (mine === seq) app.error(e instanceof Error ? e.message : String(e));
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void measure(), 40);
  };

  const callbacks: ControlCallbacks = {
    onLevel: (qi, level) => app.setLevels({ ...app.levels, [qi]: level }),
    onSettings: async (edit) => {
      try {
        session = await api<SessionJson>('/api/settings', edit);
        app.session = session;
        app.error('');
        schedule();
      } catch (e) {
        app.error(e instanceof Error ? e.message : String(e));
      }
      renderSettings(app.session, callbacks);
    },
  };
  renderLevels(session, app.levels, callbacks);
  renderSettings(session, callbacks);
  renderKeep(app);
  renderLatticeCard(app);
  renderCompareCard(app);
  keepAlive(() => app.error('the explorer has stopped (Ctrl-C, or every tab was closed): close this tab'));
  await measure();
  document.body.setAttribute('data-ready', lastNode ? 'yes' : 'error');
}

start().catch((e: unknown) => {
  const root = document.getElementById('app');
  if (root) fill(root, h('p', { className: 'banner' }, e instanceof ApiError ? e.message : 'edra explore could not start: reload the page from the URL the command printed'));
});
