// Sign-in through the hub's OpenID Connect issuer (docs/oidc.md#the-dashboard): the authorization code flow with PKCE
// (S256) for a public client, with `state` and `nonce`. The page goes to the issuer, comes back to /login/callback with a
// code, and trades it at the issuer's token endpoint for an ID token, which is then the bearer token for the hub.
// Only a click starts a sign-in: a failed one shows why and never starts another by itself (no redirect loop).

export const CALLBACK_PATH = '/login/callback';

/** What this tab sent to the issuer, kept until the issuer answers (one use). */
const PENDING = 'edgeplane.oidc.pending';
/** A sign-in not finished within this time is stale: its state and verifier are not used. */
const PENDING_MAX_AGE_MS = 10 * 60 * 1000;
/** Longest wait for the issuer's discovery document or token endpoint. */
const ISSUER_TIMEOUT_MS = 30000;

/** A sign-in that did not happen; `message` says why, for the sign-in page. */
export class SignInError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SignInError';
  }
}

/** `{ issuer, clientId, scopes }` when the hub takes OIDC tokens (GET /api/v1/auth/config), else null. */
export async function loadAuthConfig() {
  try {
    const response = await fetch('/api/v1/auth/config', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) return null;
    return (await response.json()).oidc ?? null;
  } catch {
    return null; // an older hub, or none: API tokens only
  }
}

/** The issuer as people read it: without the scheme (dex.example.com/dex). */
export function issuerName(issuer) {
  return issuer.replace(/^https?:\/\//, '');
}

const base64url = bytes => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function random(bytes = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

async function s256(verifier) {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

const trimSlash = url => url.replace(/\/+$/, '');

async function issuerFetch(url, init, what) {
  try {
    return await fetch(url, { ...init, cache: 'no-store', credentials: 'omit', signal: AbortSignal.timeout(ISSUER_TIMEOUT_MS) });
  } catch (error) {
    throw new SignInError(`Could not reach ${what} at ${url} (${error.message}). The issuer must answer this page's origin `
      + `${location.origin} (its CORS settings), and the hub's Content-Security-Policy lets the page call only the issuer's origin.`);
  }
}

/** The issuer's endpoints from its discovery document, which must name the same issuer. */
async function discover(issuer) {
  const address = `${trimSlash(issuer)}/.well-known/openid-configuration`;
  const response = await issuerFetch(address, { headers: { Accept: 'application/json' } }, 'the issuer\'s discovery document');
  let document;
  try {
    if (!response.ok) throw new Error(`it answered ${response.status}`);
    document = await response.json();
  } catch (error) {
    throw new SignInError(`Could not read the issuer's discovery document ${address}: ${error.message}.`);
  }
  if (trimSlash(String(document.issuer ?? '')) !== trimSlash(issuer)) {
    throw new SignInError(`The discovery document at ${address} names the issuer '${document.issuer}', not '${issuer}'.`);
  }
  const authorization = endpoint(document, 'authorization_endpoint', address);
  const token = endpoint(document, 'token_endpoint', address);
  if (token.origin !== new URL(issuer).origin) {
    throw new SignInError(`The issuer's token endpoint ${token} is not on the issuer's origin ${new URL(issuer).origin}, `
      + 'the only one the hub\'s Content-Security-Policy lets this page call.');
  }
  return { authorization, token };
}

function endpoint(document, name, address) {
  try {
    const url = new URL(document[name]);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url;
  } catch {
    // named below
  }
  throw new SignInError(`The discovery document at ${address} has no usable ${name}.`);
}

/** Only a path of this page (never another origin, never the callback itself) is returned to after signing in. */
function safeReturn(path) {
  return typeof path === 'string' && /^\/(?!\/)/.test(path) && !path.startsWith(CALLBACK_PATH) ? path : '/';
}

/** Sends the tab to the issuer to sign in; `returnTo` is the dashboard address to open once back. */
export async function beginSignIn(config, returnTo) {
  if (!window.isSecureContext || !crypto.subtle) {
    throw new SignInError(`Signing in through ${issuerName(config.issuer)} needs the dashboard over https (or on localhost): `
      + 'on plain http the browser withholds the cryptography this sign-in uses. Use an API token, or serve the hub over https.');
  }
  const endpoints = await discover(config.issuer);
  const pending = {
    state: random(), nonce: random(), verifier: random(), issuer: config.issuer, clientId: config.clientId,
    redirectUri: location.origin + CALLBACK_PATH, tokenEndpoint: endpoints.token.href, returnTo: safeReturn(returnTo), startedAt: Date.now(),
  };
  const url = endpoints.authorization;
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', pending.redirectUri);
  url.searchParams.set('scope', config.scopes.join(' '));
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  url.searchParams.set('code_challenge', await s256(pending.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  location.assign(url.href);
}

/** Where to go after the callback, whatever its outcome: where the sign-in started. */
export function pendingReturn() {
  try {
    return safeReturn(JSON.parse(sessionStorage.getItem(PENDING) ?? 'null')?.returnTo);
  } catch {
    return '/';
  }
}

function takePending() {
  const text = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/**
 * Finishes the sign-in the issuer sent this tab back from (the address is /login/callback?code=…&state=…, or ?error=…).
 * Returns `{ token, issuer, expiresAt, returnTo }`, or throws a SignInError saying why nothing was signed in.
 */
export async function finishSignIn(config) {
  const answer = new URL(location.href).searchParams;
  const pending = takePending();
  if (!pending) {
    throw new SignInError('This tab started no sign-in, or it was finished already: nothing was signed in. Sign in again.');
  }
  const who = issuerName(pending.issuer);
  if (Date.now() - pending.startedAt > PENDING_MAX_AGE_MS) {
    throw new SignInError(`The sign-in through ${who} took longer than ${PENDING_MAX_AGE_MS / 60000} minutes: nothing was signed in. Sign in again.`);
  }
  if (answer.get('state') !== pending.state) {
    throw new SignInError(`The answer from ${who} does not belong to the sign-in this tab started (its state does not match): `
      + 'nothing was signed in. Sign in again.');
  }
  if (answer.has('iss') && trimSlash(answer.get('iss')) !== trimSlash(pending.issuer)) {
    throw new SignInError(`The answer came from the issuer '${answer.get('iss')}', not from ${pending.issuer}: nothing was signed in.`);
  }
  if (answer.has('error')) {
    const error = answer.get('error');
    const description = answer.get('error_description');
    const why = error === 'access_denied' ? 'the sign-in was denied at the issuer' : error;
    throw new SignInError(`${who} did not sign you in: ${why}${description ? ` (${description})` : ''}.`);
  }
  if (!config || config.issuer !== pending.issuer || config.clientId !== pending.clientId) {
    throw new SignInError('The hub\'s OIDC settings changed during the sign-in: nothing was signed in. Sign in again.');
  }
  const code = answer.get('code');
  if (!code) throw new SignInError(`${who} sent this tab back without a code: nothing was signed in.`);
  const token = await exchange(pending, code, who);
  const claims = checkIdToken(token, pending, who);
  return { token, issuer: pending.issuer, expiresAt: claims.exp * 1000, returnTo: safeReturn(pending.returnTo) };
}

/** Trades the code for tokens at the token endpoint, proving with the verifier that this tab asked for it. */
async function exchange(pending, code, who) {
  const form = new URLSearchParams({
    grant_type: 'authorization_code', code, redirect_uri: pending.redirectUri, client_id: pending.clientId, code_verifier: pending.verifier,
  });
  const response = await issuerFetch(pending.tokenEndpoint, { method: 'POST', body: form, headers: { Accept: 'application/json' } },
    `${who}'s token endpoint`);
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const reason = body?.error ? `${body.error}${body.error_description ? ` (${body.error_description})` : ''}` : `it answered ${response.status}`;
    throw new SignInError(`${who} refused to trade the sign-in code for a token: ${reason}. Nothing was signed in.`);
  }
  if (typeof body?.id_token !== 'string') {
    throw new SignInError(`${who}'s token endpoint sent no ID token (is 'openid' among the scopes?). Nothing was signed in.`);
  }
  return body.id_token;
}

/** The claims of a JWT, unverified: the hub checks the signature of every call; this page checks what it asked for. */
export function jwtClaims(token) {
  const part = token.split('.')[1] ?? '';
  const padded = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(padded), c => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** The ID token must be for this sign-in: this nonce, this issuer, this client, not expired. */
function checkIdToken(token, pending, who) {
  let claims;
  try {
    claims = jwtClaims(token);
  } catch {
    throw new SignInError(`${who} sent an ID token that is not a JWT. Nothing was signed in.`);
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const problem = claims.nonce !== pending.nonce ? 'its nonce is not the one this tab sent (a replayed token?)'
    : trimSlash(String(claims.iss ?? '')) !== trimSlash(pending.issuer) ? `its issuer is '${claims.iss}'`
    : !audiences.includes(pending.clientId) ? `its audience is not '${pending.clientId}'`
    : typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now() ? 'it has expired already'
    : null;
  if (problem) throw new SignInError(`The ID token from ${who} is not for this sign-in: ${problem}. Nothing was signed in.`);
  return claims;
}
