// One cluster: where it is and what runs it, its lifecycle, Kubernetes desired vs observed, its agent link and last
// status, drift field by field, objects that are not Current, the bundle's objects, the applications placed on it,
// the rollouts that moved it and its audit trail.
import { html } from '../dom.js';
import { count, shortDigest, shortSha, utc, when, subject, tidy } from '../format.js';
import { state, badge, wordBadge } from '../health.js';

/** Bundle objects drawn at once; the rest behind a button (a management cluster's bundle can be large). */
const OBJECT_LIMIT = 300;

const optional = promise => promise.catch(error => {
  if (error.status === 404) return null;
  throw error;
});

export default {
  nav: 'clusters',
  title: (data, ctx) => ctx.params.name,

  watches: (changes, data, ctx) => changes.clusters.has(ctx.params.name) || changes.rollouts.size > 0 || changes.revisions.size > 0,

  async load(ctx) {
    const name = encodeURIComponent(ctx.params.name);
    const [detail, rollouts, workspaces, audit] = await Promise.all([
      ctx.api.get(`/clusters/${name}`),
      ctx.api.get('/rollouts', { limit: 50 }),
      optional(ctx.api.get('/workspaces')),
      ctx.api.get('/audit', { target: ctx.params.name, limit: 20 }),
    ]);
    return { detail, rollouts: rollouts.items, workspaces: workspaces?.items ?? null, audit: audit.items };
  },

  render(data, ctx) {
    const c = data.detail.cluster;
    return html`
      <div class="page-head">
        <p class="crumbs"><a href="/?layer=${encodeURIComponent(c.layer)}">${c.layer}</a>
          ${c.region ? html` › <a href="/?layer=${encodeURIComponent(c.layer)}&amp;region=${encodeURIComponent(c.region)}">${c.region}</a>` : ''}
          ${c.site ? html` › <a href="/clusters?site=${encodeURIComponent(c.site)}">${c.site}</a>` : ''}</p>
        <h1>${c.name}</h1>
        <p class="lede">${badge(state(c))} ${wordBadge(c.lifecycle?.phase ?? 'Declared')}
          ${c.converged ? 'Runs its desired bundle and is healthy.' : 'Not converged yet.'}</p>
      </div>
      <div class="columns">
        ${overview(c)}
        <div>${link(c)}${status(c, data.detail.statusDetails)}</div>
      </div>
      ${conditions(c)}
      ${drift(data.detail.statusDetails)}
      ${unready(data.detail.statusDetails)}
      ${applications(c, data.workspaces)}
      ${history(c, data.rollouts)}
      ${objects(data.detail.desiredBundle, ctx)}
      ${audit(data.audit)}`;
  },
};

function overview(c) {
  const observed = c.status?.kubernetesVersion;
  const matches = observed && c.kubernetesVersion && observed.startsWith(c.kubernetesVersion);
  const p = c.provisioning;
  return html`<section aria-labelledby="about-title"><h2 id="about-title">Cluster</h2>
    <dl class="facts">
      <dt>Layer</dt><dd>${c.layer}</dd>
      <dt>Region</dt><dd>${c.region ?? '–'}</dd>
      <dt>Site</dt><dd>${c.site ?? '–'}</dd>
      <dt>Provider</dt><dd>${c.provider ?? '–'}</dd>
      <dt>Backend</dt><dd>${p ? html`Cluster API: template <code>${p.template}</code> on management cluster
        <a href="/clusters/${encodeURIComponent(p.managementCluster)}">${p.managementCluster}</a> (namespace <code>${p.namespace}</code>,
        deletion policy ${p.deletionPolicy})` : 'an existing cluster, joined by its agent'}</dd>
      <dt>Lifecycle</dt><dd data-field="phase">${wordBadge(c.lifecycle?.phase ?? 'Declared')} ${tidy(c.lifecycle?.reason)}
        ${c.lifecycle?.since ? html`(since ${when(c.lifecycle.since)})` : ''}</dd>
      <dt>Phases reached</dt><dd>${Object.entries(c.lifecycle?.transitions ?? {}).sort((a, b) => a[1].localeCompare(b[1]))
        .map(([phase, at]) => html`<span class="chip">${phase} ${utc(at)}</span> `)}</dd>
      <dt>Kubernetes</dt><dd data-field="kubernetes" class="${observed && !matches ? 'alarm' : ''}">desired <code>${c.kubernetesVersion ?? '–'}</code>,
        observed <code>${observed ?? 'not reported'}</code>${observed && !matches ? ' (differs)' : ''}</dd>
      <dt>Labels</dt><dd>${Object.entries(c.labels ?? {}).map(([k, v]) => html`<span class="chip"><code>${k}=${v}</code></span> `)}</dd>
      <dt>Capabilities</dt><dd>${(c.capabilities ?? []).length ? c.capabilities.join(', ') : '–'}</dd>
      <dt>Desired bundle</dt><dd>${digest(c.desired)}</dd>
      <dt>Target bundle</dt><dd>${digest(c.target)}${c.target?.digest !== c.desired?.digest ? ' (a rollout holds it behind the desired one)' : ''}</dd>
      <dt>Applied bundle</dt><dd>${c.appliedDigest ? html`<code>${shortDigest(c.appliedDigest)}</code>` : 'nothing applied yet'}
        ${c.inSync ? '(in sync with the target)' : ''}</dd>
      ${c.heldByRollout != null ? html`<dt>Held</dt><dd class="alarm">by rollout <a href="/rollouts/${c.heldByRollout}">${c.heldByRollout}</a>, which failed, rolled back or was aborted</dd>` : ''}
    </dl></section>`;
}

function digest(ref) {
  if (!ref?.digest) return 'none';
  return html`<code>${shortDigest(ref.digest)}</code>${ref.revision ? html` from revision <a href="/revisions/${ref.revision}"><code>${shortSha(ref.revision)}</code></a>` : ''}`;
}

function link(c) {
  const k = c.connection ?? {};
  return html`<section aria-labelledby="link-title"><h2 id="link-title">Agent link</h2>
    <dl class="facts">
      <dt>State</dt><dd data-field="link">${wordBadge(k.state)} ${k.reason ?? ''} ${k.since ? html`(since ${when(k.since)})` : ''}</dd>
      <dt>Agent version</dt><dd>${k.agentVersion ?? '–'}</dd>
      <dt>Last heard</dt><dd>${when(k.lastSeen)}</dd>
      <dt>Last status report</dt><dd>number ${count(k.lastStatusSequence)}</dd>
    </dl></section>`;
}

function status(c, details) {
  const s = c.status ?? {};
  const o = c.objects ?? {};
  const changes = details?.changeSet;
  return html`<section aria-labelledby="status-title"><h2 id="status-title">Last status</h2>
    <dl class="facts">
      <dt>Health</dt><dd data-field="health">${wordBadge(s.health ?? 'Unknown')}</dd>
      <dt>Drift</dt><dd data-field="drift">${s.drifted ? badge('drifted', 'Drifted') : 'none found at the last check'}</dd>
      <dt>Reported</dt><dd>${when(s.lastSeen)}${details?.targetDigest ? html` for bundle <code>${shortDigest(details.targetDigest)}</code>` : ''}</dd>
      <dt>Objects</dt><dd>${count(o.total)} reported, ${count(o.failed)} failed, ${count(o.inProgress)} in progress, ${count(o.drifted)} drifted</dd>
      ${changes ? html`<dt>Last apply</dt><dd>${count(changes.created)} created, ${count(changes.configured)} configured,
        ${count(changes.unchanged)} unchanged, ${count(changes.deleted)} deleted, ${count(changes.skipped)} skipped, ${count(changes.failed)} failed</dd>` : ''}
    </dl></section>`;
}

function conditions(c) {
  const s = c.status ?? {};
  return html`<section aria-labelledby="conditions-title"><h2 id="conditions-title">Conditions</h2>
    <div class="table-wrap"><table class="list"><caption class="visually-hidden">Conditions the agent reported</caption>
      <thead><tr><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Reason</th><th scope="col">Message</th></tr></thead>
      <tbody>${(s.conditions ?? []).map(k => html`<tr><th scope="row">${k.type}</th><td>${wordBadge(k.status)}</td><td>${k.reason ?? ''}</td><td class="wrap">${tidy(k.message)}</td></tr>`)}
        ${(s.conditions ?? []).length === 0 ? html`<tr><td colspan="4">No conditions reported yet.</td></tr>` : ''}</tbody>
    </table></div></section>`;
}

function drift(details) {
  const entries = details?.drift ?? [];
  return html`<section aria-labelledby="drift-title" id="drift"><h2 id="drift-title">Drift</h2>
    ${entries.length === 0 ? html`<p>No drifted object at the last drift check.</p>` : html`
    <div class="table-wrap"><table class="list" id="drift-table"><caption class="visually-hidden">Drifted objects and the fields that differ</caption>
      <thead><tr><th scope="col">Object</th><th scope="col">Fields that differ from the bundle</th></tr></thead>
      <tbody>${entries.map(d => html`<tr data-object="${d.kind}/${d.namespace ?? ''}/${d.name}">
        <th scope="row">${d.kind} <code>${d.namespace ? `${d.namespace}/` : ''}${d.name}</code> <span class="muted">${d.apiVersion}</span></th>
        <td><ul class="fields">${d.fields.map(f => html`<li><code>${f}</code></li>`)}</ul></td></tr>`)}</tbody>
    </table></div>`}</section>`;
}

function unready(details) {
  const entries = details?.objects ?? [];
  return html`<section aria-labelledby="unready-title"><h2 id="unready-title">Objects not Current</h2>
    ${entries.length === 0 ? html`<p>Every reported object is Current.</p>` : html`
    <div class="table-wrap"><table class="list"><caption class="visually-hidden">Objects whose health is not Current</caption>
      <thead><tr><th scope="col">Object</th><th scope="col">Health</th><th scope="col">Why</th></tr></thead>
      <tbody>${entries.map(o => html`<tr><th scope="row">${o.kind} <code>${o.namespace ? `${o.namespace}/` : ''}${o.name}</code></th>
        <td>${wordBadge(o.status)}</td><td class="wrap">${o.message ?? ''}</td></tr>`)}</tbody>
    </table></div>
    ${details.truncatedObjects ? html`<p class="help">${count(details.truncatedObjects)} more left out of the report.</p>` : ''}`}</section>`;
}

function applications(c, workspaces) {
  if (!workspaces) return html`<section aria-labelledby="apps-title"><h2 id="apps-title">Applications</h2><p>The hub does not list workspaces.</p></section>`;
  const placed = workspaces.flatMap(w => (w.applications ?? []).filter(a => (a.clusters ?? []).includes(c.name)).map(a => ({ ...a, workspace: w.name })));
  return html`<section aria-labelledby="apps-title"><h2 id="apps-title">Applications</h2>
    ${placed.length === 0 ? html`<p>No workspace application you may see is placed here.</p>` : html`
    <ul class="inline" id="applications">${placed.map(a => html`<li data-application="${a.name}"><span class="chip">${a.name}</span> (${a.kind ?? 'Application'}) in <code>${a.namespace}</code> of workspace
      <a href="/workspaces/${encodeURIComponent(a.workspace)}">${a.workspace}</a></li>`)}</ul>`}</section>`;
}

function history(c, rollouts) {
  const moves = rollouts.flatMap(r => r.waves.flatMap(w => w.members.filter(m => m.cluster === c.name)
    .map(m => ({ run: r, wave: w.name, member: m }))));
  return html`<section aria-labelledby="history-title"><h2 id="history-title">Revisions and rollouts</h2>
    <p>Desired from revision ${c.desired?.revision ? html`<a href="/revisions/${c.desired.revision}"><code>${shortSha(c.desired.revision)}</code></a>` : '–'};
      targeted at ${c.target?.revision ? html`<a href="/revisions/${c.target.revision}"><code>${shortSha(c.target.revision)}</code></a>` : '–'}.</p>
    ${moves.length === 0 ? html`<p>No recent rollout moved this cluster.</p>` : html`
    <div class="table-wrap"><table class="list"><caption>Recent rollouts that moved it</caption>
      <thead><tr><th scope="col">Rollout</th><th scope="col">Revision</th><th scope="col">Wave</th><th scope="col">State</th>
        <th scope="col">From → to</th><th scope="col">Moved</th><th scope="col">Reason</th></tr></thead>
      <tbody>${moves.map(({ run, wave, member: m }) => html`<tr>
        <th scope="row"><a href="/rollouts/${run.id}">${run.id}</a></th>
        <td><a href="/revisions/${run.revision}"><code>${shortSha(run.revision)}</code></a> ${run.changes.join(', ')}</td>
        <td>${wave}</td><td>${wordBadge(m.state)}</td>
        <td><code>${shortDigest(m.from)}</code> → <code>${shortDigest(m.to)}</code></td>
        <td>${when(m.movedAt)}</td><td class="wrap">${m.reason ?? ''}</td></tr>`)}</tbody>
    </table></div>`}</section>`;
}

function objects(bundle, ctx) {
  if (!bundle) return html`<section aria-labelledby="objects-title"><h2 id="objects-title">Desired bundle</h2><p>No bundle yet.</p></section>`;
  const all = ctx.query.get('objects') === 'all';
  const shown = all ? bundle.objects : bundle.objects.slice(0, OBJECT_LIMIT);
  return html`<section aria-labelledby="objects-title"><h2 id="objects-title">Desired bundle</h2>
    <p><code>${bundle.digest}</code>: ${count(bundle.objectCount)} objects, ${count(bundle.size)} bytes, in apply order.</p>
    <details id="bundle-objects" ${all ? 'open' : ''}><summary>Objects</summary>
    <div class="table-wrap"><table class="list"><caption class="visually-hidden">Objects of the desired bundle</caption>
      <thead><tr><th scope="col">#</th><th scope="col">Kind</th><th scope="col">Namespace</th><th scope="col">Name</th><th scope="col">API version</th></tr></thead>
      <tbody>${shown.map((o, i) => html`<tr><td class="num">${i + 1}</td><td>${o.kind}</td><td>${o.namespace ?? ''}</td><th scope="row">${o.name}</th><td>${o.apiVersion}</td></tr>`)}</tbody>
    </table></div>
    ${shown.length < bundle.objects.length ? html`<p><a href="${ctx.path}?objects=all">Show all ${count(bundle.objects.length)} objects</a></p>` : ''}
    </details></section>`;
}

function audit(entries) {
  return html`<section aria-labelledby="trail-title"><h2 id="trail-title">Audit trail</h2>
    ${entries.length === 0 ? html`<p>No audit entry names this cluster.</p>` : html`
    <div class="table-wrap"><table class="list"><caption class="visually-hidden">Newest audit entries about this cluster</caption>
      <thead><tr><th scope="col">When</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Outcome</th><th scope="col">Details</th></tr></thead>
      <tbody>${entries.map(e => html`<tr><td>${when(e.time)}</td><td>${e.actor}</td><th scope="row">${e.action}</th><td>${wordBadge(e.outcome)}</td><td class="wrap">${tidy(subject(e.details))}</td></tr>`)}</tbody>
    </table></div>`}</section>`;
}
