// Workspaces (GET /api/v1/workspaces): each team's members, namespaces, clusters and applications. A workspace-scoped
// caller gets only its own from the hub, so this view shows only those.
import { html } from '../dom.js';
import { count } from '../format.js';

export default {
  nav: 'workspaces',
  title: () => 'Workspaces',

  watches: changes => changes.revisions.size > 0,

  load: ctx => ctx.api.get('/workspaces'),

  render(data) {
    return html`
      <div class="page-head"><h1>Workspaces</h1>
        <p class="lede">Teams' shares of the fleet, as the last applied revision declares them.</p></div>
      <section aria-labelledby="ws-title"><h2 id="ws-title" class="visually-hidden">Workspaces you may see</h2>
        <div class="table-wrap"><table class="list" id="workspaces"><caption class="visually-hidden">Workspaces</caption>
          <thead><tr><th scope="col">Workspace</th><th scope="col">Members</th><th scope="col">Namespaces</th>
            <th scope="col">Clusters</th><th scope="col">Applications</th></tr></thead>
          <tbody>${data.items.map(w => html`<tr data-workspace="${w.name}">
            <th scope="row"><a href="/workspaces/${encodeURIComponent(w.name)}">${w.name}</a></th>
            <td class="num">${count(w.members.length)}</td>
            <td>${w.namespaces.map(n => html`<code>${n}</code> `)}</td>
            <td class="num">${count(w.clusters.length)}</td>
            <td>${w.applications.map(a => html`<span class="chip">${a.name}</span> `)}</td></tr>`)}
          ${data.items.length === 0 ? html`<tr><td colspan="5">No workspace you may see.</td></tr>` : ''}</tbody>
        </table></div>
      </section>`;
  },
};
