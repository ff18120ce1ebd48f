// HTML building and in-place rendering. Views return markup from the `html` tagged template, which escapes every
// interpolated value unless it is itself markup (made by `html` or `raw`): one string per view is the fastest way to
// put thousands of rows on the page, and escaping by default keeps cluster names and commit messages from becoming
// markup.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for use in HTML text or a quoted attribute. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, c => ESCAPES[c]);
}

class Markup {
  constructor(text) { this.text = text; }
  toString() { return this.text; }
}

/** Marks a string as markup that `html` inserts unescaped. */
export const raw = text => new Markup(text);

function flatten(value) {
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(flatten).join('');
  if (value === null || value === undefined || value === false) return '';
  return esc(value);
}

/** Tagged template: `html\`<td>${name}</td>\`` escapes `name`; arrays are joined; null, undefined and false vanish. */
export function html(strings, ...values) {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) {
    out += flatten(values[i]) + strings[i + 1];
  }
  return new Markup(out);
}

/** A selector that finds "the same" element after a re-render, so a refresh keeps keyboard focus where it was. */
function focusKey(element) {
  if (!element || element === document.body) return null;
  if (element.id) return `#${CSS.escape(element.id)}`;
  if (element.dataset.action) {
    return `[data-action="${CSS.escape(element.dataset.action)}"][data-id="${CSS.escape(element.dataset.id ?? '')}"]`;
  }
  const href = element.getAttribute('href');
  if (element.tagName === 'A' && href) return `a[href="${CSS.escape(href)}"]`;
  if (element.name) return `[name="${CSS.escape(element.name)}"]`;
  return null;
}

/**
 * Puts `markup` into `container`. On a refresh (live update) only the top-level children whose markup changed are
 * replaced; children marked `data-keep` (filter forms the user may be typing into) are left alone; the focused element
 * is focused again when it was inside a replaced child; open <details> stay open.
 */
export function render(container, markup, { refresh = false } = {}) {
  const text = String(markup);
  if (!refresh) {
    container.innerHTML = text;
    return;
  }
  const template = document.createElement('template');
  template.innerHTML = text;
  const next = [...template.content.children];
  const current = [...container.children];
  const active = container.contains(document.activeElement) ? document.activeElement : null;
  const key = focusKey(active);
  const open = new Set([...container.querySelectorAll('details[open][id]')].map(d => d.id));
  if (next.length !== current.length || next.some((n, i) => n.tagName !== current[i].tagName)) {
    container.replaceChildren(template.content);
  } else {
    next.forEach((node, i) => {
      const old = current[i];
      if (old.hasAttribute('data-keep') || old.outerHTML === node.outerHTML) return;
      old.replaceWith(node);
    });
  }
  for (const id of open) document.getElementById(id)?.setAttribute('open', '');
  if (active && !container.contains(active) && key) {
    container.querySelector(key)?.focus({ preventScroll: true });
  }
}

/** Moves focus to the page's heading after a navigation, so screen readers announce the new page. */
export function focusHeading(container) {
  const heading = container.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
}
