// One revision: its outcome and errors (file:line:column), a held revision's reason with the approve button (fleet
// admins only), what it changed (GET /api/v1/revisions/{sha}/diff: clusters → objects → fields, old and new), the
// rollouts it started, and the clusters that desire and run it. The changes' page (?continue=) and the one cluster
// shown whole (?cluster=) are in the address, so a view of them is bookmarkable.
import { html } from '../dom.js';
import { count, shortDigest, shortSha, utc } from '../format.js';
import { wordBadge } from '../health.js';
import { placement } from './revisions.js';

const CLUSTER_LIMIT = 500;

/** Clusters whose objects are drawn open; more are folded (each behind its summary) to keep the page short. */
const OPEN_CLUSTERS = 5;

const CHANGE_TONES = { added: 'ok', removed: 'bad', changed: 'info' };

export default {
  nav: 'revisions',
  title: (data, ctx) => `Revision ${shortSha(data?.revision.sha ?? ctx.params.sha)}`,

  watches: (changes, data) => changes.revisions.size > 0 || changes.rollouts.size > 0 || changes.clusters.size > 0,

  async load(ctx, previous, changes) {
    const revision = await ctx.api.get(`/revisions/${ctx.params.sha}`);
    const [clusters, rollouts, diff] = await Promise.all([
      ctx.api.all('/clusters'), ctx.api.get('/rollouts', { limit: 100 }), loadDiff(ctx, revision, previous, changes),
    ]);
    return {
      revision,
      diff,
      placement: placement(clusters).get(revision.sha) ?? { desired: [], running: [] },
      rollouts: rollouts.items.filter(r => r.revision === revision.sha),
    };
  },

  actions: {
    async approve({ id }, ctx) {
      await ctx.api.post(`/revisions/${id}/approve`);
      return `Revision ${shortSha(id)} approved; the hub applies it now.`;
    },
  },

  render(data, ctx) {
    const r = data.revision;
    return html`
      <div class="page-head">
        <p class="crumbs"><a href="/revisions">Revisions</a></p>
        <h1>Revision <code>${shortSha(r.sha)}</code></h1>
        <p class="lede">${wordBadge(r.state)} ${r.message.split('\n')[0]}</p>
      </div>
      ${held(r, ctx)}
      <section aria-labelledby="commit-title"><h2 id="commit-title">Commit</h2>
        <dl class="facts">
          <dt>Sha</dt><dd><code>${r.sha}</code></dd>
          <dt>Author</dt><dd>${r.author}</dd>
          <dt>Message</dt><dd><pre class="message">${r.message}</pre></dd>
          <dt>Committed</dt><dd>${utc(r.committedAt)}</dd>
          <dt>Fetched</dt><dd>${utc(r.fetchedAt)}</dd>
          <dt>Processed</dt><dd>${utc(r.processedAt) || '–'}</dd>
          <dt>State</dt><dd data-field="state">${r.state}${r.reason ? html`: ${r.reason}` : ''}</dd>
          <dt>Clusters</dt><dd>${r.clusterCount === null ? '–' : html`${count(r.clusterCount)} in the fleet, ${count(r.changedClusterCount ?? 0)} changed`}</dd>
          ${r.rewroteFrom ? html`<dt>Rewrote</dt><dd><code>${r.rewroteFrom}</code></dd>` : ''}
          ${r.approvedBy ? html`<dt>Approved by</dt><dd>${r.approvedBy}</dd>` : ''}
        </dl>
      </section>
      ${errors(r)}
      ${changesSection(data.diff, ctx)}
      <section aria-labelledby="rollouts-title"><h2 id="rollouts-title">Rollouts</h2>
        ${data.rollouts.length === 0 ? html`<p>No rollout run for this revision (its changed clusters moved at once, or it changed none).</p>`
          : html`<ul class="inline">${data.rollouts.map(x => html`<li><a href="/rollouts/${x.id}">Rollout ${x.id}</a> ${wordBadge(x.state)} (${x.policy})</li>`)}</ul>`}
      </section>
      ${clusterList('running-title', 'Clusters running it', data.placement.running, 'No cluster runs this revision now.')}
      ${clusterList('desired-title', 'Clusters whose desired bundle comes from it', data.placement.desired, 'No cluster wants this revision now.')}`;
  },
};

function held(r, ctx) {
  if (r.state !== 'Held') return html`<div class="controls"></div>`;
  return html`<div class="controls notice" data-kind="Held">
    <p>Held: ${r.reason ?? 'it removes or empties clusters'}. Approving applies it, deletions included.</p>
    ${ctx.can.approveRevisions ? html`<button type="button" class="button danger" data-action="approve" data-id="${r.sha}"
      data-confirm="Approve revision ${shortSha(r.sha)}? Its held deletions are applied.">Approve revision</button>`
      : html`<p class="help">Only a fleet-admin may approve it.</p>`}
  </div>`;
}

function errors(r) {
  return html`<section aria-labelledby="errors-title"><h2 id="errors-title">Errors</h2>
    ${r.errors.length === 0 ? html`<p>None.</p>` : html`
    <div class="table-wrap"><table class="list" id="errors"><caption class="visually-hidden">Errors of this revision</caption>
      <thead><tr><th scope="col">Where</th><th scope="col">Code</th><th scope="col">Message</th></tr></thead>
      <tbody>${r.errors.map(e => html`<tr><th scope="row"><code>${e.file || '(revision)'}${e.line ? `:${e.line}` : ''}${e.column ? `:${e.column}` : ''}</code></th>
        <td>${e.code}</td><td class="wrap">${e.message}</td></tr>`)}</tbody>
    </table></div>`}</section>`;
}

function clusterList(id, title, names, empty) {
  const shown = names.slice(0, CLUSTER_LIMIT);
  return html`<section aria-labelledby="${id}"><h2 id="${id}">${title} (${count(names.length)})</h2>
    ${names.length === 0 ? html`<p>${empty}</p>` : html`<ul class="inline names">${shown.map(n => html`<li><a href="/clusters/${encodeURIComponent(n)}">${n}</a></li>`)}</ul>
    ${shown.length < names.length ? html`<p class="help">and ${count(names.length - shown.length)} more.</p>` : ''}`}
  </section>`;
}

/** The query of the changes shown: one cluster whole, or a page of clusters. */
const diffQuery = ctx => ({ cluster: ctx.query.get('cluster') ?? undefined, continue: ctx.query.get('continue') ?? undefined });

/**
 * The revision's diff. A revision's changes are fixed once it is applied, so a live refresh (clusters moving during
 * its rollout) keeps the answer on screen unless this revision itself changed. A refused query (an unknown cluster, a
 * stale page token) is shown in the section, not as the page's error.
 */
async function loadDiff(ctx, revision, previous, changes) {
  const query = diffQuery(ctx);
  const key = `${revision.sha}?${new URLSearchParams(Object.entries(query).filter(([, v]) => v))}`;
  if (previous?.diff?.key === key && changes && !changes.reset && !changes.revisions.has(revision.sha)) return previous.diff;
  try {
    return { key, answer: await ctx.api.get(`/revisions/${revision.sha}/diff`, query), error: null };
  } catch (error) {
    if (error.status === 400 || error.status === 404) return { key, answer: null, error: error.detail || error.message };
    throw error;
  }
}

function changesSection(diff, ctx) {
  const d = diff.answer;
  const all = ctx.path;
  return html`<section aria-labelledby="changes-title" id="changes"><h2 id="changes-title">Changes</h2>
    ${diff.error ? html`<p class="notice" role="alert">The hub refused this view of the changes: ${diff.error}</p>
      <p><a href="${all}">Show every changed cluster</a></p>` : html`
    <p id="changes-base">${d.base ? html`Compared with revision <a href="/revisions/${d.base.sha}"><code>${shortSha(d.base.sha)}</code></a>, the one applied before it.`
      : d.recorded && d.state === 'Applied' ? 'The first revision the hub applied: every cluster is new.' : ''}</p>
    ${d.note ? html`<p class="info" id="changes-note">${d.note}.</p>` : ''}
    ${d.cluster ? html`<p>The whole diff of cluster <a href="/clusters/${encodeURIComponent(d.cluster)}">${d.cluster}</a>. <a href="${all}">Show every changed cluster</a></p>`
      : html`<p id="changes-counts">${count(d.counts.added + d.counts.removed + d.counts.changed)} cluster(s) changed:
        ${count(d.counts.added)} added, ${count(d.counts.removed)} removed, ${count(d.counts.changed)} changed.</p>
      ${clusterFilter(d, all)}`}
    ${d.clusters.map(c => clusterChange(c, d, all))}
    ${pager(d, all)}`}
  </section>`;
}

/** A GET form: the cluster's name becomes ?cluster= (app.js turns data-filter forms into the address). */
function clusterFilter(d, all) {
  if (d.counts.added + d.counts.removed + d.counts.changed === 0) return '';
  return html`<form class="filters" data-filter role="search" aria-label="Show one cluster's changes" action="${all}" method="get">
    <div class="field"><label for="changes-cluster">Cluster</label>
      <input id="changes-cluster" name="cluster" placeholder="edge-dub-01" spellcheck="false"></div>
    <div class="field actions"><button type="submit" class="button">Show its whole diff</button></div>
  </form>`;
}

function clusterChange(c, d, all) {
  const id = `change-${c.name}`;
  const o = c.objects;
  const open = d.cluster || d.clusters.length <= OPEN_CLUSTERS;
  return html`<section class="cluster-change" aria-labelledby="${id}-title" data-cluster="${c.name}">
    <h3 id="${id}-title"><a href="/clusters/${encodeURIComponent(c.name)}">${c.name}</a>
      <span class="badge tone-${CHANGE_TONES[c.change] ?? 'neutral'}">${c.change}</span></h3>
    <p class="help">Bundle ${c.from ? html`<code>${shortDigest(c.from)}</code>` : 'none'} → ${c.to ? html`<code>${shortDigest(c.to)}</code>` : 'none'}.
      ${d.cluster ? '' : html`<a href="${all}?cluster=${encodeURIComponent(c.name)}" data-whole="${c.name}">Whole diff of ${c.name}</a>`}</p>
    ${c.note ? html`<p class="notice">${c.note}</p>` : ''}
    <details id="${id}" ${open ? 'open' : ''}><summary>Objects: ${count(o.changed)} changed, ${count(o.added)} added, ${count(o.removed)} removed</summary>
      ${c.changed.map(x => objectChange(x, c, d, all))}
      ${objectList('Added objects', c.added, `${id}-added`)}
      ${objectList('Removed objects', c.removed, `${id}-removed`)}
      ${c.omittedObjects ? html`<p class="help">${count(c.omittedObjects)} more object(s) not listed here (at most ${count(d.limits.maxObjects)} per cluster):
        <a href="${all}?cluster=${encodeURIComponent(c.name)}">see the whole diff of ${c.name}</a>.</p>` : ''}
    </details>
  </section>`;
}

function objectList(title, ids, id) {
  if (ids.length === 0) return '';
  return html`<h4 id="${id}">${title}</h4><ul class="objects" aria-labelledby="${id}">${ids.map(x => html`<li><code>${x}</code></li>`)}</ul>`;
}

function objectChange(x, c, d, all) {
  return html`<h4>Changed <code>${x.id}</code></h4>
    <div class="table-wrap"><table class="list diff-fields" data-object="${x.id}">
      <caption class="visually-hidden">Fields of ${x.id} on ${c.name} that changed, with the old and the new value</caption>
      <thead><tr><th scope="col">Field</th><th scope="col">Old value</th><th scope="col">New value</th></tr></thead>
      <tbody>${x.fields.map(f => html`<tr data-path="${f.path}">
        <th scope="row"><code>${f.path}</code>${f.redacted ? html` <span class="chip">Secret: values hidden</span>` : ''}</th>
        <td class="wrap">${value(f.old, f.added, 'did not exist', f.truncated, d)}</td>
        <td class="wrap">${value(f.new, f.removed, 'removed', f.truncated, d)}</td></tr>`)}</tbody>
    </table></div>
    ${x.omittedFields ? html`<p class="help">${count(x.omittedFields)} more field(s) not listed (at most ${count(d.limits.maxFields)} per object)${d.cluster ? '' : html`:
      <a href="${all}?cluster=${encodeURIComponent(c.name)}">see the whole diff of ${c.name}</a>`}.</p>` : ''}`;
}

/** A value: strings as their text (several lines kept), anything else as JSON; an absent field in words. */
function value(v, absent, word, truncated, d) {
  if (absent) return html`<span class="muted">(${word})</span>`;
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  const shown = text.includes('\n') ? html`<pre class="value">${text}</pre>` : html`<code class="value">${text}</code>`;
  return truncated ? html`${shown} <span class="muted">(cut at ${count(d.limits.maxValueChars)} characters)</span>` : shown;
}

function pager(d, all) {
  if (d.cluster || (!d.continue && !d.omittedClusters && d.clusters.length === d.counts.added + d.counts.removed + d.counts.changed)) return '';
  return html`<nav class="pager" aria-label="Pages of changed clusters">
    <a class="button subtle" href="${all}">First clusters</a>
    ${d.continue ? html`<a class="button" href="${all}?continue=${encodeURIComponent(d.continue)}" rel="next">Next ${count(Math.min(d.omittedClusters, d.limits.maxClusters))} of ${count(d.omittedClusters)} more clusters</a>` : ''}
  </nav>`;
}
