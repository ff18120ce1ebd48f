// One cluster: where it is and what runs it, its lifecycle, Kubernetes desired vs observed, its agent link and last
// status, its add-ons, applications and network functions (CNFs and VNFs) with their health, drift field by field,
// objects that are not Current, the bundle's objects with their health, the rollouts that moved it and its audit trail.
import { html } from '../dom.js';
import { count, shortDigest, shortSha, utc, when, subject, tidy } from '../format.js';
import { state, badge, wordBadge } from '../health.js';

/** Bundle objects drawn at once; the rest behind a button (a management cluster's bundle can be large). */
const OBJECT_LIMIT = 300;

export default {
  nav: 'clusters',
  title: (data, ctx) => ctx.params.name,

  watches: (changes, data, ctx) => changes.clusters.has(ctx.params.name) || changes.rollouts.size > 0 || changes.revisions.size > 0,

  async load(ctx) {
    const name = encodeURIComponent(ctx.params.name);
    const [detail, rollouts, audit] = await Promise.all([
      ctx.api.get(`/clusters/${name}`),
      ctx.api.get('/rollouts', { limit: 50 }),
      ctx.api.get('/audit', { target: ctx.params.name, limit: 20 }),
    ]);
    return { detail, rollouts: rollouts.items, audit: audit.items };
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
      ${addOns(data.detail)}
      ${workloads(data.detail)}
      ${drift(data.detail.statusDetails)}
      ${unready(data.detail.statusDetails)}
      ${conditions(c)}
      ${history(c, data.rollouts)}
      ${objects(data.detail, ctx)}
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

/** A component's health: its worst object's word, what is not Current and what drifted, in words, and why. */
function health(component) {
  const h = component.health;
  const parts = [
    h.failed && `${count(h.failed)} failed`,
    h.inProgress && `${count(h.inProgress)} in progress`,
    h.unknown && `${count(h.unknown)} unknown`,
  ].filter(Boolean);
  const why = component.objects.find(o => o.health === h.status && o.message)?.message;
  return html`${wordBadge(h.status)}${parts.length ? html` <span class="muted">${parts.join(', ')} of ${count(component.objectCount)}</span>` : ''}${
    h.drifted ? html` ${badge('drifted', `${count(h.drifted)} drifted`)}` : ''}${why ? html`<br><span class="help">${tidy(why)}</span>` : ''}`;
}

function addOns(detail) {
  const list = detail.addOns ?? [];
  return html`<section aria-labelledby="addons-title"><h2 id="addons-title">Add-ons</h2>
    ${list.length === 0 ? html`<p>${detail.desiredBundle ? 'The desired bundle holds no add-on.' : 'No bundle yet.'}</p>` : html`
    ${detail.cluster.target?.digest !== detail.cluster.desired?.digest ? html`<p class="help">A rollout holds this cluster on an older bundle:
      the versions are those its desired revision declares, and the health is that of the objects it runs now.</p>` : ''}
    <div class="table-wrap"><table class="list" id="addons"><caption class="visually-hidden">Add-ons of the desired bundle, with the version the revision declares and their objects' health</caption>
      <thead><tr><th scope="col">Add-on</th><th scope="col">Desired version</th><th scope="col">Health</th><th scope="col" class="num">Objects</th><th scope="col">Namespace</th></tr></thead>
      <tbody>${list.map(a => html`<tr data-source="${a.source}">
        <th scope="row">${a.name}</th><td data-field="version"><code>${a.version ?? '–'}</code></td>
        <td data-field="health" class="wrap">${health(a)}</td><td class="num" data-field="objects">${count(a.objectCount)}</td>
        <td>${a.namespace ? html`<code>${a.namespace}</code>` : '–'}</td></tr>`)}</tbody>
    </table></div>`}</section>`;
}

const WORKLOAD_TYPES = {
  CNF: 'container network function',
  VNF: 'virtual machine network function',
};

function workloads(detail) {
  const apps = (detail.applications ?? []).map(a => ({ ...a, type: 'Application' }));
  const functions = (detail.networkFunctions ?? []).map(n => ({ ...n, type: n.kind ?? 'Network function' }));
  const all = [...apps, ...functions];
  const kinds = type => functions.filter(n => n.type === type).length;
  return html`<section aria-labelledby="workloads-title"><h2 id="workloads-title">Applications and network functions</h2>
    ${all.length === 0 ? html`<p>No application or network function of a workspace you may see is in the desired bundle.</p>` : html`
    <p class="help">${count(apps.length)} application(s), ${count(functions.length)} network function(s): ${count(kinds('CNF'))} CNF, ${count(kinds('VNF'))} VNF.</p>
    <div class="table-wrap"><table class="list" id="workloads"><caption class="visually-hidden">Workspace applications and network functions of the desired bundle, with their objects' health</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Workspace</th><th scope="col">Namespace</th>
        <th scope="col">Runs as</th><th scope="col">Health</th><th scope="col" class="num">Objects</th></tr></thead>
      <tbody>${all.map(w => html`<tr data-source="${w.source}">
        <th scope="row">${w.name}</th>
        <td data-field="type">${WORKLOAD_TYPES[w.type] ? html`<abbr title="${WORKLOAD_TYPES[w.type]}">${w.type}</abbr>` : w.type}</td>
        <td data-field="workspace">${w.workspace ? html`<a href="/workspaces/${encodeURIComponent(w.workspace)}">${w.workspace}</a>` : '–'}</td>
        <td>${w.namespace ? html`<code>${w.namespace}</code>` : '–'}</td>
        <td data-field="workload">${w.workload ? html`${w.workload.kind} <code>${w.workload.name}</code>` : '–'}</td>
        <td data-field="health" class="wrap">${health(w)}</td><td class="num" data-field="objects">${count(w.objectCount)}</td></tr>`)}</tbody>
    </table></div>`}</section>`;
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

const objectKey = o => `${o.apiVersion}/${o.kind}/${o.namespace ?? ''}/${o.name}`;

/** Each listed object's component and health, by apiVersion, kind, namespace and name. */
function judged(detail) {
  const byKey = new Map();
  for (const c of [...(detail.addOns ?? []), ...(detail.applications ?? []), ...(detail.networkFunctions ?? []), ...(detail.otherSources ?? [])]) {
    for (const o of c.objects) byKey.set(objectKey(o), { ...o, source: c.source });
  }
  return byKey;
}

function objects(detail, ctx) {
  const bundle = detail.desiredBundle;
  if (!bundle) return html`<section aria-labelledby="objects-title"><h2 id="objects-title">Desired bundle</h2><p>No bundle yet.</p></section>`;
  const all = ctx.query.get('objects') === 'all';
  const shown = all ? bundle.objects : bundle.objects.slice(0, OBJECT_LIMIT);
  const known = judged(detail);
  const others = detail.otherSources ?? [];
  return html`<section aria-labelledby="objects-title"><h2 id="objects-title">Desired bundle</h2>
    <p><code>${bundle.digest}</code>: ${count(bundle.objectCount)} objects, ${count(bundle.size)} bytes, in apply order.</p>
    ${others.length ? html`<p>Besides add-ons and workloads, from:
      ${others.map(o => html`<span class="chip" data-source="${o.source}">${o.source || 'no source'}: ${count(o.objectCount)}, ${o.health.status}</span> `)}</p>` : ''}
    ${detail.truncatedComponents ? html`<p class="help">${count(detail.truncatedComponents)} more sources left out of the hub's answer.</p>` : ''}
    <details id="bundle-objects" ${all ? 'open' : ''}><summary>Objects with their health</summary>
    <div class="table-wrap" tabindex="0" role="region" aria-label="Objects of the desired bundle"><table class="list"><caption class="visually-hidden">Objects of the desired bundle, the fleet resource each comes from and its health</caption>
      <thead><tr><th scope="col">#</th><th scope="col">Kind</th><th scope="col">Namespace</th><th scope="col">Name</th><th scope="col">Health</th>
        <th scope="col">From</th><th scope="col">API version</th></tr></thead>
      <tbody>${shown.map((o, i) => {
        const j = known.get(objectKey(o));
        return html`<tr data-object="${o.kind}/${o.namespace ?? ''}/${o.name}"><td class="num">${i + 1}</td><td>${o.kind}</td><td>${o.namespace ?? ''}</td><th scope="row">${o.name}</th>
          <td data-field="health">${j ? html`${wordBadge(j.health)}${j.drifted ? html` ${badge('drifted', 'Drifted')}` : ''}` : '–'}</td>
          <td>${j?.source ?? '–'}</td><td>${o.apiVersion}</td></tr>`;
      })}</tbody>
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
