/**
 * Keep: "save as spec" (a new spec file beside the spec with the levels and settings),
 * "report at this node" and "anonymize at this node" (written by the engine functions of
 * `edra analyze --report` and `edra anonymize`, in the output directory; never over a file).
 */
import type { JobJson } from '../../contracts/explore.js';
import { api } from './api.js';
import type { App } from './app.js';
import { byId, fill, h } from './dom.js';

function baseName(spec: string): string {
  return (spec.split(/[\\/]/).pop() ?? 'spec').replace(/\.(ya?ml|json)$/i, '');
}

/** Builds the Keep section of the sidebar. */
export function renderKeep(app: App): void {
  const base = baseName(app.session.spec);
  const name = h('input', { id: 'keep-name', value: `${base}-explored`, 'aria-label': 'file name (without extension)', spellcheck: false });
  const status = h('div', { id: 'keep-status', className: 'status' });
  const say = (text: string, error = false) => {
    status.textContent = text;
    status.className = error ? 'status error' : 'status';
  };
  const busy = (on: boolean) => document.querySelectorAll<HTMLButtonElement>('.keep button').forEach((b) => (b.disabled = on));
  const job = async (path: string, ext: string) => {
    busy(true);
    try {
      await api<JobJson>(path, { name: `${name.value.trim()}${ext}`, levels: app.levels });
      const done = await app.pollJob((j) => say(j.stage));
      if (done.state === 'failed') say(done.error ?? 'failed', true);
      else if (done.written?.length) say(`${done.verdict === 'pass' ? 'pass' : 'fail'}; wrote ${done.written.join(', ')}`);
      else say('nothing written: the node does not meet every threshold', true);
    } catch (e) {
      say(e instanceof Error ? e.message : String(e), true);
    } finally {
      busy(false);
    }
  };
  fill(
    byId('keep'),
    h('label', { for: 'keep-name' }, 'file name'),
    name,
    h(
      'div',
      { className: 'buttons' },
      h(
        'button',
        {
          id: 'save-spec',
          onClick: async () => {
            try {
              const r = await api<{ written: string[] }>('/api/save', { name: `${name.value.trim()}.yaml`, levels: app.levels });
              say(`saved ${r.written.join(', ')}`);
            } catch (e) {
              say(e instanceof Error ? e.message : String(e), true);
            }
          },
        },
        'Save as spec',
      ),
      h('button', { id: 'report', className: 'secondary', onClick: () => void job('/api/report', '.html') }, 'Report at this node'),
      h('button', { id: 'anonymize', className: 'secondary', onClick: () => void job('/api/anonymize', '.csv') }, 'Anonymize at this node'),
    ),
    status,
    h('p', { className: 'readonly' }, `specs go beside the spec; reports and released files to ${app.session.outputDir}`),
  );
}
