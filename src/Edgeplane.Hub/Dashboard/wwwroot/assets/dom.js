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
 * Markup whose element holds many similar children (the health map's squares), in chunks. On a live update `render`
 * compares chunk by chunk and parses only the chunks that changed, so one cluster changing state re-creates a few
 * hundred squares, not 10,000. `before` must open exactly one element marked `data-chunks` whose children are the chunks
 * (each chunk one element); `after` closes what `before` opened.
 */
class Chunked extends Markup {
  constructor(before, chunks, after) {
    super(before + chunks.join('') + after);
    this.before = before;
    this.chunks = chunks;
    this.after = after;
  }
}

/** See `Chunked`: `chunks` are markup strings, each one element. */
export const chunked = (before, chunks, after) => new Chunked(String(before), chunks.map(String), String(after));

/** Parses markup of one element; null when it is not exactly one element. */
function parseOne(text) {
  const template = document.createElement('template');
  template.innerHTML = text;
  const { childNodes } = template.content;
  return childNodes.length === 1 && childNodes[0].nodeType === Node.ELEMENT_NODE ? childNodes[0] : null;
}

/**
 * A live update of a view rendered as pieces (an array of markup, one top-level element each): only the pieces whose
 * markup changed are parsed and replaced, a chunked piece only in its changed chunks. False when the page does not
 * have the pieces' shape (then the caller renders in full).
 */
function refreshPieces(container, pieces) {
  const previous = container.edgeplanePieces;
  if (!previous || previous.length !== pieces.length || container.children.length !== pieces.length) return false;
  const children = [...container.children];
  pieces.forEach((next, i) => {
    const old = previous[i];
    const element = children[i];
    if (String(old) === String(next) || element.hasAttribute('data-keep')) return;
    if (old instanceof Chunked && next instanceof Chunked && old.before === next.before && old.after === next.after
      && old.chunks.length === next.chunks.length) {
      const holder = element.matches('[data-chunks]') ? element : element.querySelector('[data-chunks]');
      if (holder && holder.children.length === old.chunks.length) {
        const chunks = [...holder.children];
        next.chunks.forEach((chunk, j) => {
          if (chunk !== old.chunks[j]) chunks[j].replaceWith(parseOne(chunk) ?? document.createElement('span'));
        });
        return;
      }
    }
    element.replaceWith(parseOne(String(next)) ?? document.createElement('div'));
  });
  container.edgeplanePieces = pieces;
  return true;
}

/**
 * Puts `markup` into `container`: one markup, or an array of pieces (each one top-level element, see `refreshPieces`).
 * On a refresh (live update) only what changed is replaced; children marked `data-keep` (filter forms the user may be
 * typing into) are left alone; the focused element is focused again when it was inside a replaced child; open
 * <details> stay open.
 */
export function render(container, markup, { refresh = false } = {}) {
  const pieces = Array.isArray(markup) ? markup.filter(piece => String(piece) !== '') : null;
  const text = pieces ? pieces.join('') : String(markup);
  if (!refresh) {
    container.innerHTML = text;
    container.edgeplanePieces = pieces && container.children.length === pieces.length ? pieces : null;
    return;
  }
  const active = container.contains(document.activeElement) ? document.activeElement : null;
  const key = focusKey(active);
  const open = new Set([...container.querySelectorAll('details[open][id]')].map(d => d.id));
  if (!pieces || !refreshPieces(container, pieces)) {
    const template = document.createElement('template');
    template.innerHTML = text;
    const next = [...template.content.children];
    const current = [...container.children];
    if (next.length !== current.length || next.some((n, i) => n.tagName !== current[i].tagName)) {
      container.replaceChildren(template.content);
    } else {
      next.forEach((node, i) => {
        const old = current[i];
        if (old.hasAttribute('data-keep') || old.outerHTML === node.outerHTML) return;
        old.replaceWith(node);
      });
    }
    container.edgeplanePieces = pieces && container.children.length === pieces.length ? pieces : null;
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
