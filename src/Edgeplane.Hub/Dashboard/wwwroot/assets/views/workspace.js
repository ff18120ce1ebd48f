// One workspace: members and roles, namespaces, the clusters it targets, and each application with its placement.
import { html } from '../dom.js';
import { count } from '../format.js';

export default {
  nav: 'workspaces',
  title: (data, ctx) => `Workspace ${ctx.params.name}`,

  watches: changes => changes.revisions.size > 0,

  load: ctx => ctx.api.get(`/workspaces/${encodeURIComponent(ctx.params.name)}`),

  render(w) {
    return html`
      <div class="page-head"><p class="crumbs"><a href="/workspaces">Workspaces</a></p>
        <h1>Workspace ${w.name}</h1></div>
      <section aria-labelledby="members-title"><h2 id="members-title">Members</h2>
        <div class="table-wrap"><table class="list"><caption class="visually-hidden">Members and their roles</caption>
          <thead><tr><th scope="col">Subject</th><th scope="col">Role</th></tr></thead>
          <tbody>${w.members.map(m => html`<tr><th scope="row">${m.subject}</th><td>${m.role}</td></tr>`)}
            ${w.members.length === 0 ? html`<tr><td colspan="2">No members declared.</td></tr>` : ''}</tbody>
        </table></div></section>
      <section aria-labelledby="ns-title"><h2 id="ns-title">Namespaces</h2>
        <ul class="inline">${w.namespaces.map(n => html`<li><code>${n}</code></li>`)}</ul></section>
      <section aria-labelledby="apps-title"><h2 id="apps-title">Applications</h2>
        <div class="table-wrap"><table class="list" id="applications"><caption class="visually-hidden">Applications and where they run</caption>
          <thead><tr><th scope="col">Application</th><th scope="col">Kind</th><th scope="col">Namespace</th><th scope="col">Placed on</th></tr></thead>
          <tbody>${w.applications.map(a => html`<tr data-application="${a.name}"><th scope="row">${a.name}</th><td>${a.kind ?? 'Application'}</td><td><code>${a.namespace}</code></td>
            <td>${count(a.clusters.length)} cluster(s): ${a.clusters.map(c => html`<a href="/clusters/${encodeURIComponent(c)}">${c}</a> `)}</td></tr>`)}
            ${w.applications.length === 0 ? html`<tr><td colspan="4">No applications.</td></tr>` : ''}</tbody>
        </table></div></section>
      <section aria-labelledby="targets-title"><h2 id="targets-title">Clusters it targets (${count(w.clusters.length)})</h2>
        <ul class="inline names">${w.clusters.map(c => html`<li><a href="/clusters/${encodeURIComponent(c)}">${c}</a></li>`)}</ul></section>`;
  },
};
