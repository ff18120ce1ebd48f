// Any address the dashboard has no view for.
import { html } from '../dom.js';

export default {
  nav: null,
  title: () => 'Not found',
  watches: () => false,
  load: async () => null,
  render: (_, ctx) => html`<h1>Not found</h1>
    <p>The dashboard has no page at <code>${ctx.path}</code>.</p>
    <p><a href="/">Go to the fleet overview</a></p>`,
};
