// The sign-in page: through the hub's OIDC issuer when it has one (oidc.js, docs/oidc.md), and with an API token
// (docs/api.md, POST /api/v1/tokens or the hub's first admin token).
import { html } from '../dom.js';
import { issuerName } from '../oidc.js';

function issuerSignIn(oidc) {
  if (!oidc) return '';
  return html`<div class="stack">
      <button type="button" id="oidc-sign-in" class="button primary" aria-describedby="oidc-help">Sign in with ${issuerName(oidc.issuer)}</button>
      <p id="oidc-help" class="help">You sign in at your identity provider and come back here. The hub gives you the roles of
        your groups and workspaces. The sign-in is kept in this tab only, until it expires.</p>
    </div>
    <h2 class="help">Or with an API token</h2>`;
}

export default {
  /**
   * @param {object} options
   * @param {string} [options.message] why the page is shown (refused token, failed sign-in, signed out)
   * @param {{ issuer: string } | null} [options.oidc] the hub's issuer (GET /api/v1/auth/config), null without OIDC
   */
  render({ message, oidc = null } = {}) {
    return html`<section class="login" aria-labelledby="login-title">
      <h1 id="login-title">Sign in to Edgeplane</h1>
      ${message ? html`<p class="notice" role="alert">${message}</p>` : ''}
      ${issuerSignIn(oidc)}
      <form id="login-form" class="stack">
        <label for="token">API token</label>
        <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required
               aria-describedby="token-help" placeholder="ep_…">
        <p id="token-help" class="help">A token from <code>edgeplane access token create</code>, or the admin token
          <code>edgeplane up</code> wrote to <code>.edgeplane/admin-token</code>. It is kept in this tab only.</p>
        <button type="submit" class="button${oidc ? '' : ' primary'}">Sign in</button>
      </form>
    </section>`;
  },
};
