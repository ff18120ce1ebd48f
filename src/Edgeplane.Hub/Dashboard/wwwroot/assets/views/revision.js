// One revision: its outcome and errors (file:line:column), a held revision's reason with the approve button (fleet
// admins only), the rollouts it started, and the clusters that desire and run it.
import { html } from '../dom.js';
import { count, shortSha, utc } from '../format.js';
import { wordBadge } from '../health.js';
import { placement } from './revisions.js';

const CLUSTER_LIMIT = 500;

export default {
  nav: 'revisions',
  title: (data, ctx) => `Revision ${shortSha(data?.revision.sha ?? ctx.params.sha)}`,

  watches: (changes, data) => changes.revisions.size > 0 || changes.rollouts.size > 0 || changes.clusters.size > 0,

  async load(ctx) {
    const revision = await ctx.api.get(`/revisions/${ctx.params.sha}`);
    const [clusters, rollouts] = await Promise.all([ctx.api.all('/clusters'), ctx.api.get('/rollouts', { limit: 100 })]);
    return {
      revision,
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
