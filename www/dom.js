// Small DOM and formatting helpers shared by the demo's modules.
// Data only ever reaches the page as text: h() turns string children into text nodes.

/** Builds an element; string children become text nodes, so data is never parsed as HTML. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key in el) el[key] = value;
    else el.setAttribute(key, value);
  }
  el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

export const $ = (sel, root = document) => root.querySelector(sel);

/** A <dl> filled from [label, value] pairs; values may be strings or nodes. `grouped` wraps
 *  each pair in a <div> (valid in a <dl>) so a grid can lay pairs out as cards. */
export function fillList(dl, pairs, { grouped = false } = {}) {
  const items = pairs.filter(Boolean).map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]);
  dl.replaceChildren(...(grouped ? items.map((pair) => h('div', {}, pair)) : items.flat()));
  return dl;
}

export const badge = (status, extra = '') => h('span', { className: `badge ${extra}`.trim(), dataset: { status } }, status);

export const fmtNum = (n, digits = 2) => n.toLocaleString(undefined, { maximumFractionDigits: digits });

/** 850 ms · 2 s · 25.8 s · 1 min 5 s · 2 h 3 min */
/** "1 turn", "3 turns". */
export function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function fmtDuration(ms) {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const UNITS = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 minutes ago", "in 2 days" (relative to `now`). */
export function fmtRelative(iso, now = Date.now()) {
  const seconds = (Date.parse(iso) - now) / 1000;
  const [unit, size] = UNITS.find(([, size]) => Math.abs(seconds) >= size) ?? ['second', 1];
  return RELATIVE.format(Math.round(seconds / size), unit);
}

/** A <time> in local time plus a relative hint; the exact RFC 3339 value is in the tooltip. */
export function fmtTime(iso) {
  if (!iso) return h('span', { className: 'muted' }, '—');
  const local = new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  return h('span', {}, h('time', { dateTime: iso, title: iso }, local), h('span', { className: 'muted' }, ` (${fmtRelative(iso)})`));
}
