// The API token: pasted into the sign-in form or passed once as ?token=, kept in sessionStorage (per tab, gone with
// the tab), never in the URL or localStorage.

const KEY = 'edgeplane.token';

export function storedToken() {
  return sessionStorage.getItem(KEY);
}

export function storeToken(token) {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken() {
  sessionStorage.removeItem(KEY);
}

/** Takes ?token= from the address, stores it and removes it from the address (and so from the history). */
export function takeTokenFromUrl() {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (token === null) return null;
  url.searchParams.delete('token');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  const trimmed = token.trim();
  if (trimmed) storeToken(trimmed);
  return trimmed || null;
}

/** What the caller may do (GET /api/v1/whoami); nothing when the hub cannot say. */
export function permissions(whoami) {
  const can = whoami?.can ?? {};
  return {
    approveRevisions: can.approveRevisions === true,
    steerRollouts: can.steerRollouts === true,
    revokeClusters: can.revokeClusters === true,
    manageTokens: can.manageTokens === true,
  };
}

/** "fleet-admin", "viewer", "workspace-member of ran", ... for the header. */
export function describeGrants(whoami) {
  const grants = whoami?.grants ?? [];
  if (grants.length === 0) return 'no role';
  return grants.map(g => (g.workspace ? `${g.role} of ${g.workspace}` : g.role)).join(', ');
}
