// The sign-in form: an API token (docs/api.md, POST /api/v1/tokens or the hub's first admin token).
import { html } from '../dom.js';

export default {
  render({ message } = {}) {
    return html`<section class="login" aria-labelledby="login-title">
      <h1 id="login-title">Sign in to Edgeplane</h1>
      ${message ? html`<p class="notice" role="alert">${message}</p>` : ''}
      <form id="login-form" class="stack">
        <label for="token">API token</label>
        <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required
               aria-describedby="token-help" placeholder="ep_…">
        <p id="token-help" class="help">A token from <code>edgeplane access token create</code>, or the admin token
          <code>edgeplane up</code> wrote to <code>.edgeplane/admin-token</code>. It is kept in this tab only.</p>
        <button type="submit" class="button primary">Sign in</button>
      </form>
    </section>`;
  },
};
