// The Edgeplane dashboard: sign-in, the shell (navigation, who is signed in, live state), routing and live updates.
// Every view is a module with load(ctx, previous, changes) → data and render(data, ctx) → markup (views/*.js).
import { Api, ApiError } from './api.js';
import { storedToken, storedOidc, storeToken, forgetToken, takeTokenFromUrl, permissions, describeGrants } from './auth.js';
import { CALLBACK_PATH, SignInError, loadAuthConfig, beginSignIn, finishSignIn, pendingReturn, issuerName } from './oidc.js';
import { LiveEvents } from './events.js';
import { render, focusHeading, html } from './dom.js';
import { match, interceptLinks } from './router.js';
import { age } from './format.js';
import login from './views/login.js';

const view = document.getElementById('view');
const main = document.getElementById('main');
const flash = document.getElementById('flash');
const nav = document.getElementById('nav');
const session = document.getElementById('session');
const announcer = document.getElementById('announcer');
const live = document.getElementById('live');

/** Coalesces events for this long before a view refetches (the hub already gathers them for 150 ms per stream). */
const DEBOUNCE_MS = 50;

const app = {
  api: null,
  whoami: null,
  events: null,
  current: null, // { view, ctx, data, key }
  loading: false,
  pending: null, // changes that arrived while a view was loading
  timer: null,
  firstPage: true,
  oidcConfig: null, // the hub's issuer, client id and scopes (GET /api/v1/auth/config), null without OIDC
  oidcConfigRead: null, // a promise, settled once oidcConfig was read
  whoamiReady: null, // a promise of /whoami for the signed-in token (null when it could not be read)
  oidc: null, // { issuer, expiresAt } while signed in through the issuer
  expiry: null, // signs out when that sign-in expires
};

const emptyChanges = () => ({ reset: false, clusters: new Set(), revisions: new Set(), rollouts: new Set(), audit: false });

function announce(message) {
  announcer.textContent = '';
  // a fresh text node after clearing makes screen readers read the same message again
  requestAnimationFrame(() => { announcer.textContent = message; });
}

function showFlash(message) {
  flash.textContent = message ?? '';
}

/**
 * Shows `url`. Focus goes to the new page's heading, or, for a filter applied from a form, back to the field that
 * applied it (the page around it changed, the user's place in the form did not).
 */
function navigate(url, { replace = false, focusId = null } = {}) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  show({ moveFocus: !focusId, focusId });
  if (!replace && !focusId) window.scrollTo(0, 0);
}

function context(params) {
  return {
    api: app.api,
    whoami: app.whoami,
    can: permissions(app.whoami),
    params,
    query: new URLSearchParams(location.search),
    path: location.pathname,
    navigate,
    announce,
  };
}

function markNavigation(key) {
  for (const link of nav.querySelectorAll('a[data-nav]')) {
    if (link.dataset.nav === key) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

/** Shows the view of the current address; on a refresh, refetches and re-renders it in place. */
async function show({ refresh = false, changes = null, moveFocus = false, focusId = null } = {}) {
  const key = location.pathname + location.search;
  if (refresh && (app.loading || app.current?.key !== key)) {
    app.pending = merge(app.pending ?? emptyChanges(), changes);
    return;
  }
  const { view: current, params } = refresh ? { view: app.current.view, params: app.current.ctx.params } : match(location.pathname);
  const ctx = refresh ? { ...app.current.ctx, whoami: app.whoami, can: permissions(app.whoami) } : context(params);
  // Another query of the same view (a filter) may start from the data on screen, which live updates keep current.
  const kept = !refresh && current.keepsData && app.current?.view === current && app.current.ctx.path === location.pathname
    ? app.current.data : null;
  if (!refresh) {
    app.current = { view: current, ctx, data: null, key };
    markNavigation(current.nav);
    showFlash('');
    render(view, html`<p class="loading" role="status">Loading…</p>`);
    document.title = `${current.title(null, ctx)} · Edgeplane`;
  }
  app.loading = true;
  try {
    const data = await current.load(ctx, refresh ? app.current.data : kept, changes);
    await app.whoamiReady;
    if (app.current?.key !== key || app.current.view !== current) return;
    ctx.whoami = app.whoami;
    ctx.can = permissions(app.whoami);
    app.current.data = data;
    render(view, current.render(data, ctx), { refresh });
    document.title = `${current.title(data, ctx)} · Edgeplane`;
    if (focusId) document.getElementById(focusId)?.focus();
    else if (moveFocus && !app.firstPage) focusHeading(view);
    app.firstPage = false;
  } catch (error) {
    if (error.name === 'AbortError' || app.current?.key !== key) return;
    if (error instanceof ApiError && error.status === 401) return; // sign-in form shown by the API client
    if (refresh && error instanceof ApiError && error.status === 0) {
      showFlash(`Live update failed: ${error.detail}. The page shows the last answer.`);
      return;
    }
    render(view, problem(error));
  } finally {
    app.loading = false;
  }
  if (app.pending) {
    const next = app.pending;
    app.pending = null;
    show({ refresh: true, changes: next });
  }
}

function problem(error) {
  const status = error instanceof ApiError ? error.status : 0;
  const heading = status === 403 ? 'Not allowed' : status === 404 ? 'Not found' : status === 0 ? 'Hub unreachable' : 'Something went wrong';
  return html`<h1>${heading}</h1>
    <p class="problem" data-status="${status}">${error.detail || error.message}</p>
    <p><a href="/">Back to the overview</a></p>`;
}

function merge(into, changes) {
  if (!changes) return into;
  into.reset ||= changes.reset;
  into.audit ||= changes.audit;
  for (const name of changes.clusters) into.clusters.add(name);
  for (const sha of changes.revisions) into.revisions.add(sha);
  for (const id of changes.rollouts) into.rollouts.add(id);
  return into;
}

/**
 * Collects one event; DEBOUNCE_MS after the first of a batch the current view refetches if it shows any of it. The
 * window is not pushed back by later events: a hub busy with thousands of agents sends events more often than that.
 */
let collected = emptyChanges();
function onEvent(type, data) {
  switch (type) {
    case 'clusters': (data.names ?? []).forEach(n => collected.clusters.add(n)); break;
    case 'revisions': (data.shas ?? []).forEach(s => collected.revisions.add(s)); break;
    case 'rollouts': (data.ids ?? []).forEach(i => collected.rollouts.add(String(i))); break;
    case 'audit': collected.audit = true; break;
    case 'reset': collected.reset = true; break;
    default: return; // hello, and kinds this dashboard does not know
  }
  if (app.timer) return;
  app.timer = setTimeout(() => {
    app.timer = null;
    const changes = collected;
    collected = emptyChanges();
    if (!app.current) return;
    const watches = app.current.view.watches ?? (() => true);
    if (changes.reset || watches(changes, app.current.data, app.current.ctx)) show({ refresh: true, changes });
  }, DEBOUNCE_MS);
}

const LIVE_WORDS = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', polling: 'Refreshing every 5 s' };

function setLiveState(state) {
  live.dataset.state = state;
  live.textContent = LIVE_WORDS[state] ?? state;
}

function signOut(message) {
  app.events?.stop();
  app.events = null;
  app.api = null;
  app.whoami = null;
  app.current = null;
  app.oidc = null;
  clearTimeout(app.expiry);
  forgetToken();
  nav.hidden = true;
  session.hidden = true;
  showFlash('');
  const draw = () => {
    render(view, login.render({ message, oidc: app.oidcConfig }));
    document.title = 'Sign in · Edgeplane';
    (view.querySelector('#oidc-sign-in') ?? view.querySelector('input'))?.focus();
  };
  draw();
  // A stored token refused before the hub's OIDC settings arrived: draw the form again with its issuer button, unless
  // someone has started typing a token meanwhile.
  if (!app.oidcConfig) {
    app.oidcConfigRead?.then(() => {
      if (app.oidcConfig && !app.api && !view.querySelector('input')?.value) draw();
    });
  }
}

function refused(error) {
  const why = error.detail || 'unauthorized';
  signOut(app.oidc ? `The hub refused your sign-in through ${issuerName(app.oidc.issuer)} (${why}). Sign in again.`
    : `The hub refused the API token (${why}). Paste a valid token to sign in again.`);
}

function expired(oidc) {
  const at = new Date(oidc.expiresAt).toLocaleTimeString();
  return `Your sign-in through ${issuerName(oidc.issuer)} expired at ${at}. Sign in again.`;
}

/** An ID token is not renewed: at its expiry the page signs out and says so (the hub would refuse it from then on). */
function watchExpiry(oidc) {
  clearTimeout(app.expiry);
  // setTimeout's longest delay is about 24.8 days; an ID token lives hours
  app.expiry = setTimeout(() => signOut(expired(oidc)), Math.min(Math.max(oidc.expiresAt - Date.now(), 0), 2 ** 31 - 1));
}

async function signIn(token, { fromForm = false, oidc = null } = {}) {
  app.events?.stop();
  app.oidc = oidc;
  const api = new Api(token, refused);
  const asked = api.get('/whoami');
  if (fromForm) {
    // A pasted token is checked before the form goes away; a stored one is read beside the first page (below).
    try {
      await asked;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return; // refused() showed the form
      app.oidc = null;
      render(view, login.render({ message: `Cannot sign in: ${error.detail || error.message}`, oidc: app.oidcConfig }));
      return;
    }
  }
  storeToken(token, oidc);
  if (oidc) watchExpiry(oidc);
  app.api = api;
  app.whoami = null;
  // Views load their data while /whoami is asked; they wait for it only to draw (buttons depend on it).
  app.whoamiReady = asked.then(whoami => whoami, error => {
    if (!(error instanceof ApiError && error.status === 401)) {
      showFlash(`Could not read who you are (${error.detail || error.message}); actions are hidden.`);
    }
    return null;
  }).then(whoami => {
    if (app.api !== api) return null; // signed out or in again meanwhile
    app.whoami = whoami;
    document.getElementById('who').textContent = whoami ? `${whoami.subject} · ${describeGrants(whoami)}` : '';
    return whoami;
  });
  nav.hidden = false;
  session.hidden = false;
  app.events = new LiveEvents({ token: () => token, onEvent, onState: setLiveState, onUnauthorized: () => refused(new ApiError(401, '', 'token refused')) });
  app.events.start();
  await show({ moveFocus: fromForm });
}

/** Buttons with data-action run the view's action of that name, then the view refetches. */
async function runAction(button) {
  const { current } = app;
  const action = current?.view.actions?.[button.dataset.action];
  if (!action) return;
  if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
  button.disabled = true;
  showFlash('');
  try {
    const message = await action(button.dataset, current.ctx);
    if (message) announce(message);
    await show({ refresh: true, changes: { ...emptyChanges(), reset: true } });
    // the button may be gone (Pause became Resume): keep focus near it rather than dropping it on the page
    if (!view.contains(document.activeElement)) (view.querySelector('button[data-action]') ?? view.querySelector('h1'))?.focus();
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) showFlash(error.detail || error.message);
    button.disabled = false;
  }
}

/** "Sign in with <issuer>": off to the issuer; what goes wrong before leaving is shown on the sign-in page. */
async function signInWithIssuer(button) {
  const config = app.oidcConfig;
  if (!config) return;
  button.disabled = true;
  try {
    await beginSignIn(config, location.pathname + location.search);
  } catch (error) {
    render(view, login.render({ message: error instanceof SignInError ? error.message : `Cannot sign in: ${error.message}`, oidc: config }));
    view.querySelector('#oidc-sign-in')?.focus();
  }
}

/** Back from the issuer at /login/callback: signed in and on the page the sign-in started from, or the sign-in page saying why not. */
async function finishIssuerSignIn() {
  const returnTo = pendingReturn();
  let result;
  try {
    result = await finishSignIn(app.oidcConfig);
  } catch (error) {
    // the code and state leave the address and the history; nothing starts another sign-in by itself
    history.replaceState(null, '', returnTo);
    signOut(error instanceof SignInError ? error.message : `Cannot sign in: ${error.message}`);
    return;
  }
  history.replaceState(null, '', result.returnTo);
  await signIn(result.token, { fromForm: true, oidc: { issuer: result.issuer, expiresAt: result.expiresAt } });
}

function onSubmit(event) {
  const form = event.target;
  if (form.id === 'login-form') {
    event.preventDefault();
    const token = new FormData(form).get('token')?.toString().trim();
    if (token) signIn(token, { fromForm: true });
    return;
  }
  if (form.hasAttribute('data-filter')) {
    // A filter form is a GET form: its fields become the address's query, so the filtered view is bookmarkable.
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (String(value).trim() !== '') query.set(name, String(value).trim());
    }
    const text = query.toString();
    const field = form.contains(document.activeElement) && document.activeElement.id ? document.activeElement.id : null;
    navigate(location.pathname + (text ? `?${text}` : ''), { focusId: field ?? form.querySelector('[id]')?.id });
  }
}

/** Ages ("45s ago") move on between refreshes; the exact time stays in each <time>'s title. */
function tickAges() {
  const now = Date.now();
  for (const time of view.querySelectorAll('time[datetime]')) {
    const text = `${age(time.dateTime, now)} ago`;
    if (time.textContent !== text) time.textContent = text;
  }
}

async function start() {
  setInterval(tickAges, 5000);
  interceptLinks(document, url => navigate(url));
  // Back and forward; an in-page anchor (#wave-edge) changes only the hash and is left to the browser.
  window.addEventListener('popstate', () => {
    if (app.api && location.pathname + location.search !== app.current?.key) show();
  });
  main.addEventListener('submit', onSubmit);
  main.addEventListener('click', event => {
    const button = event.target.closest('button[data-action]');
    if (button) runAction(button);
    else if (event.target.closest('#oidc-sign-in')) signInWithIssuer(event.target.closest('#oidc-sign-in'));
  });
  main.addEventListener('change', event => {
    const form = event.target.closest('form[data-filter]');
    if (form && event.target.tagName === 'SELECT') form.requestSubmit();
  });
  document.getElementById('sign-out').addEventListener('click', () => signOut('Signed out.'));
  // Only the sign-in form and the issuer's callback need the hub's OIDC settings: with a token they are read beside
  // the first page instead of before it.
  app.oidcConfigRead = loadAuthConfig().then(config => { app.oidcConfig = config; });
  if (location.pathname === CALLBACK_PATH) {
    await app.oidcConfigRead;
    await finishIssuerSignIn();
    return;
  }
  const fromUrl = takeTokenFromUrl();
  const token = fromUrl ?? storedToken();
  const oidc = fromUrl ? null : storedOidc();
  if (token && !(oidc && oidc.expiresAt <= Date.now())) {
    signIn(token, { oidc });
    return;
  }
  await app.oidcConfigRead;
  if (oidc && oidc.expiresAt <= Date.now()) signOut(expired(oidc));
  else signOut();
}

start();
