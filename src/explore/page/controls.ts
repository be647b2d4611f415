/**
 * The sidebar's controls: one level slider per QI (its hierarchy's height; the number of
 * groups at each level, never a label), the suppression limit and mode, and the thresholds.
 * Changes go to the callbacks; the page never computes anything from them.
 */
import type { SessionJson } from '../../contracts/explore.js';
import { byId, fill, h } from './dom.js';

export interface ControlCallbacks {
  onLevel: (qi: string, level: number) => void;
  onSettings: (edit: { thresholds?: Record<string, number | string | null>; suppressionLimit?: number; suppressed?: 'drop' | 'mask' }) => void;
}

/** Thresholds shown up front, and the others behind "more". */
const mainThresholds: [string, string][] = [
  ['k', 'k (minimum class size)'],
  ['highestRisk', 'highest risk'],
  ['averageRisk', 'average risk'],
];
const moreThresholds: [string, string][] = [
  ['l', 'distinct l'],
  ['entropyL', 'entropy l'],
  ['t', 't-closeness'],
  ['beta', 'beta-likeness'],
  ['enhancedBeta', 'enhanced beta'],
  ['delta', 'delta-disclosure'],
  ['populationUniqueness', 'population uniqueness'],
  ['individualRisk', 'individual risk'],
  ['globalRisk', 'global risk'],
];

/** Builds the level sliders. */
export function renderLevels(session: SessionJson, levels: Record<string, number>, cb: ControlCallbacks): void {
  const items = session.quasiIdentifiers.map((q) => {
    const id = `lvl-${q.attribute.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const label = h('span', { className: 'lvl', 'data-level-label': q.attribute });
    const input = h('input', {
      type: 'range',
      id,
      min: 0,
      max: q.height,
      step: 1,
      value: levels[q.attribute] ?? 0,
      'data-qi': q.attribute,
      disabled: q.height === 0,
      'aria-label': `level of ${q.attribute}`,
      onInput: (e: Event) => cb.onLevel(q.attribute, Number((e.target as HTMLInputElement).value)),
    });
    return h('div', { className: 'qi' }, h('div', { className: 'row' }, h('label', { className: 'name', for: id }, q.attribute), label), input);
  });
  fill(byId('levels'), ...items);
  showLevels(session, levels);
}

/** Updates the sliders and their labels to `levels`. */
export function showLevels(session: SessionJson, levels: Record<string, number>): void {
  for (const q of session.quasiIdentifiers) {
    const l = levels[q.attribute] ?? 0;
    const input = document.querySelector<HTMLInputElement>(`input[data-qi="${CSS.escape(q.attribute)}"]`);
    if (input && Number(input.value) !== l) input.value = String(l);
    const label = document.querySelector(`[data-level-label="${CSS.escape(q.attribute)}"]`);
    if (label) label.textContent = `level ${l} of ${q.height} · ${q.sizes[l] ?? '?'} groups`;
  }
}

function numberField(key: string, label: string, value: number | string | undefined, cb: ControlCallbacks): HTMLElement {
  const id = `th-${key}`;
  return h(
    'div',
    { className: 'field' },
    h('label', { for: id }, label),
    h('input', {
      type: 'number',
      id,
      step: 'any',
      min: 0,
      'data-threshold': key,
      value: typeof value === 'number' ? value : '',
      placeholder: 'off',
      onChange: (e: Event) => {
        const raw = (e.target as HTMLInputElement).value.trim();
        cb.onSettings({ thresholds: { [key]: raw === '' ? null : Number(raw) } });
      },
    }),
  );
}

/** Builds the suppression and threshold fields from the session's settings. */
export function renderSettings(session: SessionJson, cb: ControlCallbacks): void {
  const s = session.settings;
  fill(
    byId('suppression'),
    h(
      'div',
      { className: 'field' },
      h('label', { for: 'supp-limit' }, 'limit (% of records)'),
      h('input', {
        type: 'number',
        id: 'supp-limit',
        min: 0,
        max: 100,
        step: 'any',
        value: Number((s.suppressionLimit * 100).toPrecision(12)),
        'data-setting': 'suppressionLimit',
        onChange: (e: Event) => cb.onSettings({ suppressionLimit: Number((e.target as HTMLInputElement).value) / 100 }),
      }),
    ),
    h(
      'div',
      { className: 'field' },
      h('label', { for: 'supp-mode' }, 'suppressed records'),
      h(
        'select',
        { id: 'supp-mode', 'data-setting': 'suppressed', onChange: (e: Event) => cb.onSettings({ suppressed: (e.target as HTMLSelectElement).value as 'drop' | 'mask' }) },
        h('option', { value: 'drop', selected: s.suppressed === 'drop' }, 'dropped'),
        h('option', { value: 'mask', selected: s.suppressed === 'mask' }, 'masked (*)'),
      ),
    ),
  );
  const preset = s.thresholds.preset;
  fill(
    byId('thresholds'),
    h(
      'div',
      { className: 'field' },
      h('label', { for: 'th-preset' }, 'preset'),
      h(
        'select',
        { id: 'th-preset', 'data-threshold': 'preset', onChange: (e: Event) => cb.onSettings({ thresholds: { preset: (e.target as HTMLSelectElement).value || null } }) },
        ...['', 'public', 'semiPublic', 'private'].map((p) => h('option', { value: p, selected: (preset ?? '') === p }, p || 'none')),
      ),
    ),
    ...mainThresholds.map(([k, label]) => numberField(k, label, s.thresholds[k], cb)),
    h('details', { open: moreThresholds.some(([k]) => s.thresholds[k] !== undefined) }, h('summary', {}, 'more thresholds'), ...moreThresholds.map(([k, label]) => numberField(k, label, s.thresholds[k], cb))),
    h('p', { className: 'readonly' }, session.edited ? 'edited: "save as spec" keeps these settings' : 'as in the spec file'),
  );
}
