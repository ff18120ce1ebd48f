// History-API routing: every view has a real URL the hub serves index.html for, so views are bookmarkable and links
// are plain <a href> (open in a new tab, copy the address). Clicks on same-origin links are taken over here.
import overview from './views/overview.js';
import clusters from './views/clusters.js';
import cluster from './views/cluster.js';
import rollouts from './views/rollouts.js';
import rollout from './views/rollout.js';
import revisions from './views/revisions.js';
import revision from './views/revision.js';
import workspaces from './views/workspaces.js';
import workspace from './views/workspace.js';
import audit from './views/audit.js';
import notFound from './views/not-found.js';

const ROUTES = [
  [/^\/$/, overview],
  [/^\/clusters\/?$/, clusters],
  [/^\/clusters\/([^/]+)\/?$/, cluster, ['name']],
  [/^\/rollouts\/?$/, rollouts],
  [/^\/rollouts\/(\d+)\/?$/, rollout, ['id']],
  [/^\/revisions\/?$/, revisions],
  [/^\/revisions\/([0-9a-fA-F]{7,40})\/?$/, revision, ['sha']],
  [/^\/workspaces\/?$/, workspaces],
  [/^\/workspaces\/([^/]+)\/?$/, workspace, ['name']],
  [/^\/audit\/?$/, audit],
];

/** The view for a path and its decoded parameters. */
export function match(pathname) {
  for (const [pattern, view, names = []] of ROUTES) {
    const found = pattern.exec(pathname);
    if (found) {
      const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
      return { view, params };
    }
  }
  return { view: notFound, params: {} };
}

/** Paths the hub answers itself (the API, assets, probes): never taken over. */
const SERVER_PATHS = /^\/(api|assets|metrics|healthz|readyz|openapi)(\/|$)/;

/** Calls `go(url)` for clicks on links the dashboard shows itself; leaves new-tab clicks and other links alone. */
export function interceptLinks(root, go) {
  root.addEventListener('click', event => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest('a[href]');
    if (!link || link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || SERVER_PATHS.test(url.pathname)) return;
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return; // in-page anchor
    event.preventDefault();
    go(url.pathname + url.search + url.hash);
  });
}
