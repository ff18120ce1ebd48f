// The audit log (GET /api/v1/audit) with the API's filters in the address. `since` and `until` take RFC 3339 times,
// or an age such as 1h or 7d (like `edgeplane audit --since 1h`), turned into a time when the page loads.
import { html } from '../dom.js';
import { tidy, when } from '../format.js';
import { wordBadge } from '../health.js';

const PAGE = 50;
const FIELDS = [
  ['since', 'Since', '1h or 2026-12-01T00:00:00Z'],
  ['until', 'Until', '2026-12-02T00:00:00Z'],
  ['subject', 'Actor', 'user:ana@example.com'],
  ['workspace', 'Workspace', 'ran'],
  ['action', 'Action', 'rollout'],
  ['target', 'Target', 'edge-dub-01'],
];
const UNITS = { s: 1, m: 60, h: 3600, d: 86400 };

/** "1h" → the RFC 3339 time an hour ago; anything else unchanged (the hub judges it). */
export function absolute(value, now = Date.now()) {
  const match = /^(\d+)([smhd])$/.exec(value);
  return match ? new Date(now - Number(match[1]) * UNITS[match[2]] * 1000).toISOString() : value;
}

function queryOf(ctx) {
  return Object.fromEntries(FIELDS.map(([name]) => [name, ctx.query.get(name) ?? '']));
}

export default {
  nav: 'audit',
  title: () => 'Audit log',

  watches: changes => changes.audit,

  async load(ctx) {
    const q = queryOf(ctx);
    try {
      const page = await ctx.api.get('/audit', {
        ...q, since: absolute(q.since), until: absolute(q.until), limit: PAGE, continue: ctx.query.get('continue'),
      });
      return { page, error: null };
    } catch (error) {
      if (error.status === 400) return { page: { items: [], continue: null }, error: error.detail };
      throw error;
    }
  },

  render(data, ctx) {
    const q = queryOf(ctx);
    const filters = new URLSearchParams(Object.entries(q).filter(([, v]) => v));
    const next = data.page.continue ? new URLSearchParams([...filters, ['continue', data.page.continue]]) : null;
    return html`
      <div class="page-head"><h1>Audit log</h1>
        <p class="lede">Who did what, from where, newest first. Filters combine.</p></div>
      <div class="notices">${data.error ? html`<p class="notice" role="alert">The hub refused the filter: ${data.error}</p>` : ''}</div>
      <form class="filters" data-filter data-keep role="search" aria-label="Filter the audit log" action="/audit" method="get">
        ${FIELDS.map(([name, label, placeholder]) => html`<div class="field"><label for="a-${name}">${label}</label>
          <input id="a-${name}" name="${name}" value="${q[name]}" placeholder="${placeholder}" spellcheck="false"></div>`)}
        <div class="field actions"><button type="submit" class="button">Apply</button><a class="button subtle" href="/audit">Clear</a></div>
      </form>
      <section aria-labelledby="entries-title"><h2 id="entries-title" class="visually-hidden">Entries</h2>
        <div class="table-wrap"><table class="list" id="audit"><caption class="visually-hidden">Audit entries, newest first</caption>
          <thead><tr><th scope="col">Time</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th>
            <th scope="col">Outcome</th><th scope="col">Workspace</th><th scope="col">Source</th><th scope="col">Details</th></tr></thead>
          <tbody>${data.page.items.map(e => html`<tr data-entry="${e.id}">
            <td>${when(e.time)}</td>
            <td>${e.actor}${e.credential ? html`<br><span class="muted">${e.credential}</span>` : ''}</td>
            <th scope="row">${e.action}</th><td class="wrap" title="${e.target}">${tidy(e.target)}</td><td>${wordBadge(e.outcome)}</td>
            <td>${e.workspace ?? ''}</td><td>${e.source ?? ''}</td><td class="wrap">${tidy(e.details)}</td></tr>`)}
          ${data.page.items.length === 0 ? html`<tr><td colspan="8">No entry matches.</td></tr>` : ''}</tbody>
        </table></div>
        <nav class="pager" aria-label="Pages of the audit log">
          ${ctx.query.has('continue') ? html`<a class="button subtle" href="/audit${filters.size ? `?${filters}` : ''}">Newest</a>` : ''}
          ${next ? html`<a class="button" href="/audit?${next}" rel="next">Older</a>` : ''}
        </nav>
      </section>`;
  },
};
