// The cluster table: the API's own filters (layer, region, site, health, phase, label selector) and its pages of 100,
// so a fleet of 10,000 sites is never drawn at once. The page's continue token is in the address, like the filters.
import { html } from '../dom.js';
import { count, when } from '../format.js';
import { state, badge, wordBadge } from '../health.js';

const PAGE = 100;
const FIELDS = ['layer', 'region', 'site', 'health', 'phase', 'selector'];
const HEALTH = ['Healthy', 'Progressing', 'Degraded', 'Failed', 'Unknown'];
const PHASES = ['Declared', 'Provisioning', 'Provisioned', 'Joined', 'Ready', 'Failed', 'Deleting'];

function queryOf(ctx) {
  return Object.fromEntries(FIELDS.map(f => [f, ctx.query.get(f) ?? '']));
}

export default {
  nav: 'clusters',
  title: () => 'Clusters',

  watches: changes => changes.clusters.size > 0,

  async load(ctx) {
    const q = queryOf(ctx);
    try {
      const page = await ctx.api.get('/clusters', { ...q, limit: PAGE, continue: ctx.query.get('continue') });
      return { page, error: null };
    } catch (error) {
      if (error.status === 400) return { page: { items: [], continue: null }, error: error.detail };
      throw error;
    }
  },

  render(data, ctx) {
    const q = queryOf(ctx);
    const filterQuery = new URLSearchParams(Object.entries(q).filter(([, v]) => v));
    const next = data.page.continue ? new URLSearchParams([...filterQuery, ['continue', data.page.continue]]) : null;
    const onLaterPage = ctx.query.has('continue');
    return html`
      <div class="page-head"><h1>Clusters</h1>
        <p class="lede">Every cluster the hub knows, ${PAGE} a page, ordered by name.</p></div>
      <div class="notices">${data.error ? html`<p class="notice" role="alert">The hub refused the filter: ${data.error}</p>` : ''}</div>
      ${filterForm(q)}
      <section aria-labelledby="list-title">
        <h2 id="list-title" class="visually-hidden">Matching clusters</h2>
        <div class="table-wrap"><table class="list" id="clusters">
          <caption class="visually-hidden">Clusters</caption>
          <thead><tr><th scope="col">Cluster</th><th scope="col">State</th><th scope="col">Layer</th><th scope="col">Region</th>
            <th scope="col">Site</th><th scope="col">Provider</th><th scope="col">Phase</th><th scope="col">Health</th>
            <th scope="col">Link</th><th scope="col">Kubernetes (desired / observed)</th><th scope="col">Last seen</th></tr></thead>
          <tbody>${data.page.items.map(row)}
            ${data.page.items.length === 0 ? html`<tr><td colspan="11">No cluster matches.</td></tr>` : ''}</tbody>
        </table></div>
        <nav class="pager" aria-label="Pages of clusters">
          ${onLaterPage ? html`<a class="button subtle" href="/clusters${filterQuery.size ? `?${filterQuery}` : ''}">First page</a>` : ''}
          ${next ? html`<a class="button" href="/clusters?${next}" rel="next">Next ${count(PAGE)}</a>` : html`<span class="muted">Last page</span>`}
        </nav>
      </section>`;
  },
};

function row(c) {
  const observed = c.status?.kubernetesVersion;
  const mismatch = observed && c.kubernetesVersion && !observed.startsWith(c.kubernetesVersion);
  return html`<tr data-cluster="${c.name}">
    <th scope="row"><a href="/clusters/${encodeURIComponent(c.name)}">${c.name}</a></th>
    <td>${badge(state(c))}</td>
    <td><a href="/?layer=${encodeURIComponent(c.layer)}">${c.layer}</a></td>
    <td>${c.region ?? ''}</td>
    <td>${c.site ? html`<a href="/clusters?site=${encodeURIComponent(c.site)}">${c.site}</a>` : ''}</td>
    <td>${c.provider ?? ''}</td>
    <td>${wordBadge(c.lifecycle?.phase ?? 'Declared')}</td>
    <td>${wordBadge(c.status?.health)}</td>
    <td>${wordBadge(c.connection?.state)}</td>
    <td class="${mismatch ? 'alarm' : ''}">${c.kubernetesVersion ?? '–'} / ${observed ?? '–'}</td>
    <td>${when(c.status?.lastSeen)}</td>
  </tr>`;
}

function filterForm(q) {
  const select = (name, label, values, all) => html`<div class="field"><label for="c-${name}">${label}</label>
    <select id="c-${name}" name="${name}"><option value="">${all}</option>
      ${values.map(v => html`<option value="${v}" ${v === q[name] ? 'selected' : ''}>${v}</option>`)}</select></div>`;
  const text = (name, label, placeholder) => html`<div class="field"><label for="c-${name}">${label}</label>
    <input id="c-${name}" name="${name}" value="${q[name]}" placeholder="${placeholder}" spellcheck="false"></div>`;
  return html`<form class="filters" data-filter data-keep role="search" aria-label="Filter clusters" action="/clusters" method="get">
    ${text('layer', 'Layer', 'edge')}
    ${text('region', 'Region', 'eu-west')}
    ${text('site', 'Site', 'dub-01')}
    ${select('health', 'Reported health', HEALTH, 'Any health')}
    ${select('phase', 'Lifecycle phase', PHASES, 'Any phase')}
    ${text('selector', 'Label selector', 'geo=eu,!gpu')}
    <div class="field actions"><button type="submit" class="button">Apply</button><a class="button subtle" href="/clusters">Clear</a></div>
  </form>`;
}
