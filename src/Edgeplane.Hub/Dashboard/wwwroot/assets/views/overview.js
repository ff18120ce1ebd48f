// Fleet overview: layers → regions → sites with their counts, a health map of every cluster, and filters by layer,
// region, label selector and health kept in the address (?layer=edge&region=eu-west&label=geo%3Deu&health=drifted).
import { html, chunked, esc } from '../dom.js';
import { count, shortSha, subject, when } from '../format.js';
import { flags, state, STATES, HEALTH_FILTERS, matchesHealth, tally, badge } from '../health.js';

const ACTIVE_ROLLOUTS = new Set(['Pending', 'Progressing', 'Paused', 'WaitingForWindow']);

/** Above this many changed clusters a live update rereads the whole map (the hub's ?names= limit is 1,000). */
const PATCH_LIMIT = 1000;

const COLUMNS = [
  ['clusters', 'Clusters'], ['inSync', 'In sync'], ['drifted', 'Drifted'], ['unhealthy', 'Unhealthy'],
  ['offline', 'Offline'], ['unknown', 'Link unknown'], ['held', 'Held'],
];

function filtersOf(query) {
  return {
    layer: query.get('layer') ?? '',
    region: query.get('region') ?? '',
    label: query.get('label') ?? '',
    health: query.get('health') ?? '',
  };
}

const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Every cluster the caller sees, with its place and states: one request for 10,000 sites (docs/api.md, fleet map). */
const readMap = (api, query = {}) => api.all('/fleet/map', query, { pageSize: null });

/**
 * The clusters of `previous` with the changed ones read again in one request (a cluster the hub no longer shows is
 * dropped: removed, or no longer the caller's).
 */
async function patch(api, previous, names) {
  const byKey = new Map(previous.map(c => [c.name, c]));
  const fresh = await readMap(api, { names: [...names].join(',') });
  for (const name of names) byKey.delete(name);
  for (const cluster of fresh) byKey.set(cluster.name, cluster);
  return [...byKey.values()].sort(byName);
}

async function selectorMatches(api, label) {
  if (!label) return { selected: null, selectorError: null };
  try {
    return { selected: new Set((await readMap(api, { selector: label })).map(c => c.name)), selectorError: null };
  } catch (error) {
    if (error.status === 400) return { selected: new Set(), selectorError: error.detail };
    throw error;
  }
}

export default {
  nav: 'overview',
  title: () => 'Fleet overview',

  /** A new filter works on the clusters already loaded: 10,000 of them are not fetched again for each click. */
  keepsData: true,

  watches: changes => changes.clusters.size > 0 || changes.revisions.size > 0 || changes.rollouts.size > 0,

  async load(ctx, previous, changes) {
    const f = filtersOf(ctx.query);
    if (previous && !changes) {
      const selection = f.label === previous.label ? previous : await selectorMatches(ctx.api, f.label);
      return { ...previous, selected: selection.selected, selectorError: selection.selectorError, label: f.label };
    }
    const incremental = previous && changes && !changes.reset && changes.clusters.size <= PATCH_LIMIT;
    // A status report changes clusters only: the active rollouts are read again when a rollout or revision changed.
    const rolloutsChanged = !incremental || changes.rollouts.size > 0 || changes.revisions.size > 0;
    const fleet = ctx.api.get('/fleet');
    const rollouts = rolloutsChanged ? ctx.api.get('/rollouts', { limit: 20, members: false }) : null;
    // Labels come from Git: a label selection is asked again when a revision changed, not for each status report.
    const selection = incremental && f.label === previous.label && changes.revisions.size === 0
      ? { selected: previous.selected, selectorError: previous.selectorError }
      : selectorMatches(ctx.api, f.label);
    const clusters = !incremental ? await readMap(ctx.api)
      : changes.clusters.size > 0 ? await patch(ctx.api, previous.clusters, changes.clusters) : previous.clusters;
    const active = rollouts ? (await rollouts).items.filter(r => ACTIVE_ROLLOUTS.has(r.state)) : previous.active;
    return { fleet: await fleet, clusters, active, ...(await selection), label: f.label };
  },

  render(data, ctx) {
    const f = filtersOf(ctx.query);
    const filtered = Boolean(f.layer || f.region || f.label || f.health);
    const shown = data.clusters.filter(c => (!f.layer || c.layer === f.layer) && (!f.region || c.region === f.region)
      && (!data.selected || data.selected.has(c.name)) && (!f.health || matchesHealth(c, f.health)));
    const layers = layerOrder(data);
    // Pieces, one top-level element each: a live update re-creates only the pieces (and map chunks) that changed.
    return [
      html`<div class="page-head">
        <h1>Fleet overview</h1>
        ${sourceLine(data.fleet)}
      </div>`,
      notices(data),
      filterForm(data, f, layers),
      summary(data, shown, filtered),
      layerTable(data, shown, filtered, layers),
      ...healthMap(shown, layers),
      f.region ? sites(shown, f, layers) : regions(shown, f, layers),
    ];
  },
};

function layerOrder(data) {
  const names = data.fleet.layers.map(l => l.layer);
  for (const c of data.clusters) if (!names.includes(c.layer)) names.push(c.layer);
  return names;
}

function sourceLine(fleet) {
  const revision = fleet.currentRevision;
  return html`<p class="lede">
    ${revision
      ? html`Running revision <a href="/revisions/${revision.sha}"><code>${shortSha(revision.sha)}</code></a>
        “${subject(revision.message)}” · `
      : html`No revision applied yet · `}
    ${count(fleet.converged)} of ${count(fleet.total.clusters)} clusters converged ·
    source <code>${fleet.source.branch}</code> fetched ${when(fleet.source.lastFetchAt)}</p>`;
}

function notices(data) {
  const items = [];
  const { lastError, source } = data.fleet;
  if (lastError) {
    items.push(html`<p class="notice" data-kind="${lastError.state}">Revision
      <a href="/revisions/${lastError.sha}"><code>${shortSha(lastError.sha)}</code></a> is ${lastError.state}:
      ${lastError.reason ?? ''}</p>`);
  }
  for (const run of data.active) {
    items.push(html`<p class="info">Rollout <a href="/rollouts/${run.id}">${run.id}</a> is ${run.state}${run.currentWave ? html` in wave ${run.currentWave}` : ''}:
      ${run.changes.length ? run.changes.join(', ') : 'bundle changes'}${run.reason ? html` (${run.reason})` : ''}</p>`);
  }
  if (source.lastFetchError) items.push(html`<p class="notice">The last fetch failed: ${source.lastFetchError}</p>`);
  if (data.selectorError) items.push(html`<p class="notice" role="alert">Label selector refused: ${data.selectorError}</p>`);
  return html`<div class="notices">${items}</div>`;
}

function filterForm(data, f, layers) {
  const regions = [...new Set(data.clusters.filter(c => !f.layer || c.layer === f.layer).map(c => c.region ?? ''))]
    .filter(Boolean).sort();
  if (f.region && !regions.includes(f.region)) regions.push(f.region);
  const option = (value, label, current) => html`<option value="${value}" ${value === current ? 'selected' : ''}>${label}</option>`;
  return html`<form class="filters" data-filter data-keep role="search" aria-label="Filter the fleet" action="/" method="get">
    <div class="field"><label for="f-layer">Layer</label>
      <select id="f-layer" name="layer">${option('', 'All layers', f.layer)}${layers.map(l => option(l, l, f.layer))}</select></div>
    <div class="field"><label for="f-region">Region</label>
      <select id="f-region" name="region">${option('', 'All regions', f.region)}${regions.map(r => option(r, r, f.region))}</select></div>
    <div class="field"><label for="f-label">Label selector</label>
      <input id="f-label" name="label" value="${f.label}" placeholder="geo=eu,site-tier in (edge)" spellcheck="false"></div>
    <div class="field"><label for="f-health">Health</label>
      <select id="f-health" name="health">${option('', 'Any health', f.health)}${HEALTH_FILTERS.map(h => option(h.key, h.label, f.health))}</select></div>
    <div class="field actions"><button type="submit" class="button">Apply</button><a class="button subtle" href="/">Clear</a></div>
  </form>`;
}

function summary(data, shown, filtered) {
  const t = filtered ? tally(shown) : { ...data.fleet.total, held: tally(data.clusters).held };
  const cards = [
    ['clusters', 'Clusters', t.clusters, ''],
    ['in-sync', 'In sync', t.inSync, 'in-sync'],
    ['drifted', 'Drifted', t.drifted, 'drifted'],
    ['unhealthy', 'Unhealthy', t.unhealthy, 'unhealthy'],
    ['offline', 'Offline', t.offline, 'offline'],
    ['held', 'Held by a rollout', t.held, 'held'],
  ];
  return html`<section aria-labelledby="summary-title">
    <h2 id="summary-title" class="visually-hidden">${filtered ? 'Filtered clusters' : 'Whole fleet'}</h2>
    <ul class="cards">${cards.map(([key, label, value, health]) => html`<li>
      <a class="card st-${key}" href="${health ? `/?health=${health}` : '/clusters'}" data-card="${key}">
        <span class="card-value">${count(value)}</span><span class="card-label">${label}</span></a></li>`)}</ul>
  </section>`;
}

function layerTable(data, shown, filtered, layers) {
  const held = new Map();
  for (const c of data.clusters) if (flags(c).held) held.set(c.layer, (held.get(c.layer) ?? 0) + 1);
  const rows = filtered
    ? layers.map(layer => ({ layer, ...tally(shown.filter(c => c.layer === layer)) })).filter(r => r.clusters > 0)
    : data.fleet.layers.map(l => ({ ...l, held: held.get(l.layer) ?? 0 }));
  const total = filtered ? tally(shown) : { ...data.fleet.total, held: tally(data.clusters).held };
  return html`<section aria-labelledby="layers-title">
    <h2 id="layers-title">Layers</h2>
    <div class="table-wrap"><table class="counts" id="layers">
      <caption class="visually-hidden">Cluster counts per layer${filtered ? ' (filtered)' : ''}</caption>
      <thead><tr><th scope="col">Layer</th>${COLUMNS.map(([, label]) => html`<th scope="col" class="num">${label}</th>`)}</tr></thead>
      <tbody>${rows.map(r => html`<tr data-layer="${r.layer}">
        <th scope="row"><a href="/?layer=${encodeURIComponent(r.layer)}">${r.layer}</a></th>
        ${COLUMNS.map(([key]) => cell(key, r[key]))}</tr>`)}
        ${rows.length === 0 ? html`<tr><td colspan="${COLUMNS.length + 1}">No cluster matches the filters.</td></tr>` : ''}
      </tbody>
      <tfoot><tr data-layer="total"><th scope="row">Total</th>${COLUMNS.map(([key]) => cell(key, total[key]))}</tr></tfoot>
    </table></div>
  </section>`;
}

function cell(key, value) {
  const alarming = ['drifted', 'unhealthy', 'offline', 'unknown', 'held'].includes(key) && value > 0;
  return html`<td data-count="${key}" class="${alarming ? `num alarm c-${key}` : 'num'}">${count(value)}</td>`;
}

const byPlace = (a, b) => (a.region ?? '').localeCompare(b.region ?? '') || (a.site ?? '').localeCompare(b.site ?? '') || byName(a, b);

/** Most squares per chunk of the health map: a live update re-creates the chunks with a changed square. */
const CHUNK = 250;

/** The health map: a heading with the legend, then one row per layer, its squares in chunks (see dom.js `chunked`). */
function healthMap(shown, layers) {
  const states = new Map(STATES.map(s => [s.key, 0]));
  for (const c of shown) states.set(state(c), states.get(state(c)) + 1);
  const head = html`<section aria-labelledby="map-title" class="map-head">
    <h2 id="map-title">Health map</h2>
    <p class="help">One square per cluster, by region and site; the tables list the same clusters.</p>
    <ul class="legend" aria-label="States of the health map">${STATES.map(s => html`<li>${badge(s.key)} <span class="num">${count(states.get(s.key))}</span></li>`)}</ul>
  </section>`;
  const rows = layers.map(layer => {
    const members = shown.filter(c => c.layer === layer).sort(byPlace);
    if (members.length === 0) return '';
    // A chunk holds one region's squares, at most CHUNK of them.
    const groups = [];
    for (const c of members) {
      const last = groups[groups.length - 1];
      if (last && last.region === (c.region ?? '') && last.members.length < CHUNK) last.members.push(c);
      else groups.push({ region: c.region ?? '', members: [c] });
    }
    const chunks = groups.map(g => html`<span class="map-chunk">${g.members.map(square)}</span>`);
    return chunked(`<div class="map-row" data-map="${esc(layer)}"><span class="map-label">${esc(layer)}</span><div class="map${members.length > 1500 ? ' dense' : ''}" aria-hidden="true" data-chunks>`,
      chunks, '</div></div>');
  });
  return [head, ...rows];
}

function square(c) {
  const key = state(c);
  return html`<a class="cell st-${key}" tabindex="-1" href="/clusters/${encodeURIComponent(c.name)}" title="${c.name}: ${STATES.find(s => s.key === key).text}"></a>`;
}

function regions(shown, f, layers) {
  return html`<section aria-labelledby="regions-title">
    <h2 id="regions-title">Regions</h2>
    ${layers.map(layer => {
      const members = shown.filter(c => c.layer === layer);
      if (members.length === 0) return '';
      const groups = group(members, c => c.region ?? '');
      return html`<div class="table-wrap"><table class="counts" data-regions="${layer}">
        <caption>Layer ${layer}</caption>
        <thead><tr><th scope="col">Region</th><th scope="col" class="num">Sites</th>${COLUMNS.map(([, label]) => html`<th scope="col" class="num">${label}</th>`)}</tr></thead>
        <tbody>${[...groups].map(([region, list]) => {
          const t = tally(list);
          const siteCount = new Set(list.map(c => c.site).filter(Boolean)).size;
          const query = new URLSearchParams({ ...pick(f), layer, region }).toString();
          return html`<tr data-region="${region}">
            <th scope="row">${region ? html`<a href="/?${query}">${region}</a>` : html`<span class="muted">no region</span>`}</th>
            <td class="num">${count(siteCount)}</td>${COLUMNS.map(([key]) => cell(key, t[key]))}</tr>`;
        })}</tbody></table></div>`;
    })}
  </section>`;
}

function sites(shown, f, layers) {
  return html`<section aria-labelledby="sites-title">
    <h2 id="sites-title">Sites of ${f.region}</h2>
    ${layers.map(layer => {
      const members = shown.filter(c => c.layer === layer);
      if (members.length === 0) return '';
      const groups = group(members, c => c.site ?? '');
      return html`<div class="table-wrap"><table class="sites" data-sites="${layer}">
        <caption>Layer ${layer}</caption>
        <thead><tr><th scope="col">Site</th><th scope="col">Clusters</th></tr></thead>
        <tbody>${[...groups].map(([site, list]) => html`<tr data-site="${site}">
          <th scope="row">${site ? html`<a href="/clusters?site=${encodeURIComponent(site)}">${site}</a>` : html`<span class="muted">no site</span>`}</th>
          <td><ul class="inline">${list.map(c => html`<li><a href="/clusters/${encodeURIComponent(c.name)}">${c.name}</a> ${badge(state(c))}</li>`)}</ul></td>
        </tr>`)}</tbody></table></div>`;
    })}
  </section>`;
}

function group(list, key) {
  const groups = new Map();
  for (const item of [...list].sort(byPlace)) {
    const k = key(item);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(item);
  }
  return groups;
}

function pick(f) {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v));
}
