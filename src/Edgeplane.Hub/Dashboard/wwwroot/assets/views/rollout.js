// One rollout run: why it stands where it stands, its waves and every member's progress, and the operator's controls
// (pause, resume, abort, promote; fleet-admin only, so shown only when GET /api/v1/whoami says `steerRollouts`).
import { html } from '../dom.js';
import { count, shortDigest, shortSha, span, utc, when } from '../format.js';
import { wordBadge } from '../health.js';
import { progress } from './rollouts.js';

/** Members listed per wave at once; a wave of thousands of sites lists the rest on request. */
const MEMBER_LIMIT = 200;
const ACTIVE = new Set(['Pending', 'Progressing', 'Paused', 'WaitingForWindow']);

const control = (verb, done) => async ({ id }, ctx) => {
  await ctx.api.post(`/rollouts/${id}/${verb}`);
  return `Rollout ${id} ${done}.`;
};

export default {
  nav: 'rollouts',
  title: (run, ctx) => `Rollout ${ctx.params.id}`,

  watches: (changes, run, ctx) => changes.rollouts.has(ctx.params.id),

  load: ctx => ctx.api.get(`/rollouts/${ctx.params.id}`),

  actions: {
    pause: control('pause', 'paused'),
    resume: control('resume', 'resumed'),
    abort: control('abort', 'aborted'),
    promote: control('promote', 'promoted'),
  },

  render(run, ctx) {
    const p = progress(run);
    return html`
      <div class="page-head">
        <p class="crumbs"><a href="/rollouts">Rollouts</a></p>
        <h1>Rollout ${run.id}</h1>
        <p class="lede"><span data-field="state">${wordBadge(run.state)}</span>
          ${run.changes.length ? run.changes.join(', ') : 'bundle changes'} ·
          <progress max="${Math.max(p.total, 1)}" value="${p.done}" aria-label="${p.done} of ${p.total} members healthy"></progress>
          ${p.done} of ${p.total} members healthy</p>
      </div>
      ${controls(run, ctx)}
      <div class="columns narrow-first">
      <section aria-labelledby="run-title"><h2 id="run-title">Run</h2>
        <dl class="facts">
          <dt>Revision</dt><dd><a href="/revisions/${run.revision}"><code>${shortSha(run.revision)}</code></a></dd>
          <dt>Policy</dt><dd>${run.policy}</dd>
          <dt>State</dt><dd>${run.state}</dd>
          <dt>${ACTIVE.has(run.state) ? 'Reason' : 'Why it stopped'}</dt><dd data-field="reason" class="wrap">${run.reason ?? '–'}</dd>
          <dt>Current wave</dt><dd>${run.currentWave ?? '– (ended)'}</dd>
          <dt>Failed clusters</dt><dd>${run.failedClusters.length ? run.failedClusters.map(c => html`<a href="/clusters/${encodeURIComponent(c)}">${c}</a> `) : 'none'}</dd>
          <dt>Created</dt><dd>${utc(run.createdAt)}</dd>
          <dt>Started</dt><dd>${utc(run.startedAt) || '–'}</dd>
          <dt>Finished</dt><dd>${utc(run.finishedAt) || '–'}</dd>
        </dl>
      </section>
      ${summary(run)}
      </div>
      <section aria-labelledby="members-title"><h2 id="members-title">Members by wave</h2>
        <ol class="waves">${run.waves.map((w, i) => wave(run, w, i, ctx))}</ol>
      </section>`;
  },
};

function controls(run, ctx) {
  if (!ctx.can.steerRollouts || !ACTIVE.has(run.state)) return html`<div class="controls"></div>`;
  const paused = run.state === 'Paused';
  return html`<div class="controls" role="group" aria-label="Steer rollout ${run.id}">
    ${paused ? html`<button type="button" class="button primary" data-action="resume" data-id="${run.id}">Resume</button>`
             : html`<button type="button" class="button" data-action="pause" data-id="${run.id}">Pause</button>`}
    <button type="button" class="button" data-action="promote" data-id="${run.id}"
      data-confirm="Promote rollout ${run.id}? The rest of wave ${run.currentWave ?? ''} moves at once, without waiting for its soak or gate.">Promote</button>
    <button type="button" class="button danger" data-action="abort" data-id="${run.id}"
      data-confirm="Abort rollout ${run.id}? Moved clusters keep the new bundle; the others stay on the old one, held by this run.">Abort</button>
  </div>`;
}

const healthyCount = w => w.members.filter(m => m.state === 'Healthy' || m.state === 'Promoted').length;

function summary(run) {
  return html`<section aria-labelledby="waves-title"><h2 id="waves-title">Waves</h2>
    <div class="table-wrap"><table class="list" id="waves"><caption class="visually-hidden">Waves in order, with their progress</caption>
      <thead><tr><th scope="col">Wave</th><th scope="col">State</th><th scope="col">Healthy</th><th scope="col" class="num">Max unavailable</th>
        <th scope="col">Soak</th><th scope="col">Finished</th></tr></thead>
      <tbody>${run.waves.map(w => {
        const healthy = healthyCount(w);
        return html`<tr data-wave="${w.name}"${run.currentWave === w.name ? html` class="current-row"` : ''}>
          <th scope="row"><a href="#wave-${w.name}">${w.name}</a>${run.currentWave === w.name ? html` <span class="chip">current</span>` : ''}</th>
          <td>${wordBadge(w.state)}</td>
          <td><progress max="${Math.max(w.members.length, 1)}" value="${healthy}" aria-label="Wave ${w.name}: ${healthy} of ${w.members.length} healthy"></progress>
            <span class="num">${healthy}/${w.members.length}</span></td>
          <td class="num">${w.maxUnavailable}</td>
          <td>${span(w.soakTime)}${w.state === 'Soaking' && w.soakUntil ? html`, until <span title="${utc(w.soakUntil)}">${utc(w.soakUntil).slice(11)}</span>` : ''}</td>
          <td>${when(w.finishedAt)}</td></tr>`;
      })}</tbody></table></div></section>`;
}

function wave(run, w, index, ctx) {
  const healthy = healthyCount(w);
  const states = new Map();
  for (const m of w.members) if (m.state !== 'Healthy') states.set(m.state, (states.get(m.state) ?? 0) + 1);
  const all = ctx.query.get('members') === w.name;
  const members = all ? w.members : w.members.slice(0, MEMBER_LIMIT);
  const current = run.currentWave === w.name;
  return html`<li class="wave${current ? ' current' : ''}" data-wave="${w.name}" id="wave-${w.name}">
    <h3>${index + 1}. ${w.name} ${wordBadge(w.state)} ${current ? html`<span class="chip">current</span>` : ''}</h3>
    <p>${healthy} of ${w.members.length} healthy${[...states].map(([s, n]) => html` · ${count(n)} ${s}`)}</p>
    <p class="help">At most ${w.maxUnavailable} unavailable at once · soak ${span(w.soakTime)}${w.soakUntil && w.state === 'Soaking' ? html`, soaking until ${utc(w.soakUntil)}` : ''}
      · started ${utc(w.startedAt) || '–'} · finished ${utc(w.finishedAt) || '–'}</p>
    ${w.members.length === 0 ? html`<p>No changed cluster in this wave.</p>` : html`
    <div class="table-wrap"><table class="list members"><caption class="visually-hidden">Members of wave ${w.name}</caption>
      <thead><tr><th scope="col">Cluster</th><th scope="col">State</th><th scope="col">From → to</th><th scope="col">Moved</th>
        <th scope="col">Judged</th><th scope="col">Reason</th></tr></thead>
      <tbody>${members.map(m => html`<tr data-member="${m.cluster}">
        <th scope="row"><a href="/clusters/${encodeURIComponent(m.cluster)}">${m.cluster}</a></th><td>${wordBadge(m.state)}</td>
        <td><code>${shortDigest(m.from)}</code> → <code>${shortDigest(m.to)}</code></td>
        <td>${when(m.movedAt)}</td><td>${when(m.finishedAt)}</td><td class="wrap">${m.reason ?? ''}</td></tr>`)}</tbody>
    </table></div>
    ${members.length < w.members.length ? html`<p><a href="${ctx.path}?members=${encodeURIComponent(w.name)}">List all ${count(w.members.length)} members</a></p>` : ''}`}
  </li>`;
}
