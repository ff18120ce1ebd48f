// Rollout runs, newest first (GET /api/v1/rollouts), 20 a page like `edgeplane rollout list`.
import { html } from '../dom.js';
import { shortSha, when } from '../format.js';
import { wordBadge } from '../health.js';

const PAGE = 20;

export default {
  nav: 'rollouts',
  title: () => 'Rollouts',

  watches: changes => changes.rollouts.size > 0,

  async load(ctx) {
    // Without members: each wave's counts by state are enough for the list (a run may have 10,000 members).
    return ctx.api.get('/rollouts', { limit: PAGE, continue: ctx.query.get('continue'), members: false });
  },

  render(page, ctx) {
    return html`
      <div class="page-head"><h1>Rollouts</h1>
        <p class="lede">Each run moves one revision's changed clusters wave by wave (<a href="/revisions">revisions</a> create them).</p></div>
      <section aria-labelledby="runs-title"><h2 id="runs-title" class="visually-hidden">Runs</h2>
        <div class="table-wrap"><table class="list" id="rollouts"><caption class="visually-hidden">Rollout runs, newest first</caption>
          <thead><tr><th scope="col">Run</th><th scope="col">Revision</th><th scope="col">Policy</th><th scope="col">State</th>
            <th scope="col">Wave</th><th scope="col">Progress</th><th scope="col">Changes</th><th scope="col">Created</th><th scope="col">Reason</th></tr></thead>
          <tbody>${page.items.map(row)}
            ${page.items.length === 0 ? html`<tr><td colspan="9">No rollout yet: a commit that changes clusters a Rollout governs starts one.</td></tr>` : ''}</tbody>
        </table></div>
        <nav class="pager" aria-label="Pages of rollouts">
          ${ctx.query.has('continue') ? html`<a class="button subtle" href="/rollouts">Newest</a>` : ''}
          ${page.continue ? html`<a class="button" href="/rollouts?continue=${encodeURIComponent(page.continue)}" rel="next">Older</a>` : ''}
        </nav>
      </section>`;
  },
};

/** Members healthy (or promoted) at the new digest out of all members of the run, from each wave's counts by state. */
export function progress(run) {
  let done = 0;
  let total = 0;
  for (const wave of run.waves) {
    for (const [state, n] of Object.entries(wave.memberStates ?? {})) {
      total += n;
      if (state === 'Healthy' || state === 'Promoted') done += n;
    }
  }
  return { done, total };
}

function row(r) {
  const p = progress(r);
  return html`<tr data-rollout="${r.id}">
    <th scope="row"><a href="/rollouts/${r.id}">Rollout ${r.id}</a></th>
    <td><a href="/revisions/${r.revision}"><code>${shortSha(r.revision)}</code></a></td>
    <td>${r.policy}</td>
    <td>${wordBadge(r.state)}</td>
    <td>${r.currentWave ?? html`<span class="muted">–</span>`}</td>
    <td><progress max="${Math.max(p.total, 1)}" value="${p.done}" aria-label="Rollout ${r.id}: ${p.done} of ${p.total} members healthy"></progress>
      <span class="num">${p.done}/${p.total}</span></td>
    <td>${r.changes.join(', ')}</td>
    <td>${when(r.createdAt)}</td>
    <td class="wrap">${r.reason ?? ''}</td>
  </tr>`;
}
