// The bearer token: an API token pasted into the sign-in form or passed once as ?token=, or the ID token of an OIDC
// sign-in (oidc.js). Either is kept in sessionStorage (per tab, gone with the tab), never in the URL or localStorage;
// for an ID token, its issuer and expiry are kept beside it, so the page can sign out when it expires.

const KEY = 'edgeplane.token';
const OIDC_KEY = 'edgeplane.token.oidc';

export function storedToken() {
  return sessionStorage.getItem(KEY);
}

/** `{ issuer, expiresAt }` (ms) when the stored token came from an OIDC sign-in, else null. */
export function storedOidc() {
  try {
    return JSON.parse(sessionStorage.getItem(OIDC_KEY) ?? 'null');
  } catch {
    return null;
  }
}

/** Stores the token; `oidc` ({ issuer, expiresAt }) for an ID token, null for an API token. */
export function storeToken(token, oidc = null) {
  sessionStorage.setItem(KEY, token);
  if (oidc) sessionStorage.setItem(OIDC_KEY, JSON.stringify({ issuer: oidc.issuer, expiresAt: oidc.expiresAt }));
  else sessionStorage.removeItem(OIDC_KEY);
}

export function forgetToken() {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(OIDC_KEY);
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
