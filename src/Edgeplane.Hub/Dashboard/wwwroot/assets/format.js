// Formatting of times, digests, shas and counts, the same way on every view.
import { html } from './dom.js';

const numberFormat = new Intl.NumberFormat('en');

export const count = n => numberFormat.format(n ?? 0);

/** The first 12 characters of a commit sha, as the CLI prints it. */
export const shortSha = sha => (sha ? sha.slice(0, 12) : '');

/** `sha256:` and the first 12 hex digits of a bundle digest. */
export const shortDigest = digest => (digest ? digest.replace(/^(sha256:)?([0-9a-f]{12}).*$/, (_, p, h) => `${p ?? ''}${h}`) : '');

/** Age in the CLI's words: seconds below 2 minutes, minutes below 2 hours, hours below 2 days, then days. */
export function age(iso, now = Date.now()) {
  if (!iso) return '';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

/** The UTC time as `2026-11-27 10:00:02Z`. */
export function utc(iso) {
  if (!iso) return '';
  return new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** A <time> element: the age ("45s ago") with the exact UTC time as its title; a dash when there is no time. */
export function when(iso) {
  if (!iso) return html`<span class="muted">–</span>`;
  return html`<time datetime="${iso}" title="${utc(iso)}">${age(iso)} ago</time>`;
}

/** A TimeSpan as .NET writes it (`01:00:00`, `1.00:00:00`) in words: 1h, 15m, 2s, 1d. */
export function span(text) {
  if (!text) return '';
  const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(text);
  if (!match) return text;
  const [, d, h, m, s] = match.map(v => Number(v ?? 0));
  const parts = [];
  if (d) parts.push(`${d}d`);
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  if (s || parts.length === 0) parts.push(`${s}s`);
  return parts.join(' ');
}

/** First line of a commit message. */
export const subject = message => (message ?? '').split('\n')[0];

/** Free text from the hub with every full sha256 digest and 40-digit sha cut to 12 digits, for reading (the page shows them whole elsewhere). */
export const tidy = text => (text ?? '').replace(/\b(sha256:[0-9a-f]{12})[0-9a-f]{52}\b/g, '$1…').replace(/\b([0-9a-f]{12})[0-9a-f]{28}\b/g, '$1…');
