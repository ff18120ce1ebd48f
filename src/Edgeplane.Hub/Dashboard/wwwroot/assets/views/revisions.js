// The fleet repo's commits as the hub saw them (GET /api/v1/revisions, newest first), their outcome, and how many
// clusters want and run each one.
import { html } from '../dom.js';
import { count, shortSha, subject, when } from '../format.js';
import { wordBadge } from '../health.js';

const PAGE = 20;

/** Per revision sha: clusters whose desired bundle comes from it, and those running it (applied = target from it). */
export function placement(clusters) {
  const bySha = new Map();
  const entry = sha => {
    if (!bySha.has(sha)) bySha.set(sha, { desired: [], running: [] });
    return bySha.get(sha);
  };
  for (const c of clusters) {
    if (c.desired?.revision) entry(c.desired.revision).desired.push(c.name);
    if (c.inSync && c.target?.revision) entry(c.target.revision).running.push(c.name);
  }
  return bySha;
}

export default {
  nav: 'revisions',
  title: () => 'Revisions',

  watches: changes => changes.revisions.size > 0 || changes.clusters.size > 0,

  async load(ctx) {
    const [page, clusters] = await Promise.all([
      ctx.api.get('/revisions', { limit: PAGE, continue: ctx.query.get('continue') }),
      ctx.api.all('/clusters'),
    ]);
    return { page, placement: placement(clusters) };
  },

  render(data, ctx) {
    const { page } = data;
    return html`
      <div class="page-head"><h1>Revisions</h1>
        <p class="lede">Commits of the fleet repo, newest first: what became of each, and which clusters run it.</p></div>
      <section aria-labelledby="commits-title"><h2 id="commits-title" class="visually-hidden">Commits</h2>
        <div class="table-wrap"><table class="list" id="revisions"><caption class="visually-hidden">Revisions, newest first</caption>
          <thead><tr><th scope="col">Revision</th><th scope="col">Message</th><th scope="col">Author</th><th scope="col">State</th>
            <th scope="col">Committed</th><th scope="col">Clusters desiring it</th><th scope="col">Clusters running it</th><th scope="col">Errors</th></tr></thead>
          <tbody>${page.items.map(r => {
            const p = data.placement.get(r.sha) ?? { desired: [], running: [] };
            return html`<tr data-revision="${r.sha}">
              <th scope="row"><a href="/revisions/${r.sha}"><code>${shortSha(r.sha)}</code></a></th>
              <td class="wrap">${subject(r.message)}</td><td>${r.author}</td><td>${wordBadge(r.state)}</td>
              <td>${when(r.committedAt)}</td><td class="num">${count(p.desired.length)}</td><td class="num">${count(p.running.length)}</td>
              <td class="num${r.errors.length ? ' alarm' : ''}">${count(r.errors.length)}</td></tr>`;
          })}
          ${page.items.length === 0 ? html`<tr><td colspan="8">The hub has not fetched a commit yet.</td></tr>` : ''}</tbody>
        </table></div>
        <nav class="pager" aria-label="Pages of revisions">
          ${ctx.query.has('continue') ? html`<a class="button subtle" href="/revisions">Newest</a>` : ''}
          ${page.continue ? html`<a class="button" href="/revisions?continue=${encodeURIComponent(page.continue)}" rel="next">Older</a>` : ''}
        </nav>
      </section>`;
  },
};
