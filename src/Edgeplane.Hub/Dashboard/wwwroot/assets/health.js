// How the dashboard reads a cluster's state. The flags follow GET /api/v1/fleet's counting rules (docs/api.md), so
// counts the dashboard computes from GET /api/v1/clusters agree with the hub's own summary.
import { html } from './dom.js';

const QUIET_HEALTH = new Set(['Healthy', 'Unknown', 'Progressing']);

/** The fleet map's state words (GET /api/v1/fleet/map) → the flags below. */
const MAP_STATES = { inSync: 'inSync', drifted: 'drifted', unhealthy: 'unhealthy', offline: 'offline', linkUnknown: 'unknown', held: 'held', behind: 'behind' };

/**
 * What a cluster is, as independent flags (a cluster may be drifted and unhealthy at once): from a fleet map row's
 * `states`, which the hub computes with its counting rules, or from a full cluster (GET /api/v1/clusters) by the same rules.
 */
export function flags(cluster) {
  if (Array.isArray(cluster.states)) {
    const f = { inSync: false, drifted: false, unhealthy: false, offline: false, unknown: false, held: false, behind: false };
    for (const word of cluster.states) if (MAP_STATES[word]) f[MAP_STATES[word]] = true;
    return f;
  }
  const health = cluster.status?.health;
  return {
    inSync: Boolean(cluster.inSync),
    drifted: Boolean(cluster.status?.drifted),
    unhealthy: Boolean(health) && !QUIET_HEALTH.has(health),
    offline: Boolean(cluster.offline),
    unknown: cluster.connection?.state === 'Unknown',
    held: cluster.heldByRollout !== null && cluster.heldByRollout !== undefined,
    behind: Boolean(cluster.desired?.digest) && cluster.desired?.digest !== cluster.target?.digest,
  };
}

/** The states of the health map, worst first: a cluster is shown in the first that applies. */
export const STATES = [
  { key: 'offline', label: 'Offline', text: 'offline: no live agent link' },
  { key: 'held', label: 'Held by a rollout', text: 'held by a failed or aborted rollout' },
  { key: 'unhealthy', label: 'Unhealthy', text: 'unhealthy' },
  { key: 'drifted', label: 'Drifted', text: 'drifted from its bundle' },
  { key: 'unknown', label: 'Link unknown', text: 'link unknown: no live hub process vouches for it' },
  { key: 'syncing', label: 'Syncing', text: 'not yet at its target bundle' },
  { key: 'waiting', label: 'Waiting for its wave', text: 'at its target, which a rollout holds behind the desired bundle' },
  { key: 'in-sync', label: 'In sync', text: 'in sync' },
];

/** The one state a cluster is drawn in. */
export function state(cluster) {
  const f = flags(cluster);
  if (f.offline) return 'offline';
  if (f.held) return 'held';
  if (f.unhealthy) return 'unhealthy';
  if (f.drifted) return 'drifted';
  if (f.unknown) return 'unknown';
  if (!f.inSync) return 'syncing';
  if (f.behind) return 'waiting';
  return 'in-sync';
}

export const stateLabel = key => STATES.find(s => s.key === key)?.label ?? key;

/** The health filter's choices: each matches the clusters with that flag, as the counts count them. */
export const HEALTH_FILTERS = [
  { key: 'in-sync', label: 'In sync', test: f => f.inSync },
  { key: 'syncing', label: 'Not in sync', test: f => !f.inSync },
  { key: 'drifted', label: 'Drifted', test: f => f.drifted },
  { key: 'unhealthy', label: 'Unhealthy', test: f => f.unhealthy },
  { key: 'offline', label: 'Offline', test: f => f.offline },
  { key: 'unknown', label: 'Link unknown', test: f => f.unknown },
  { key: 'held', label: 'Held by a rollout', test: f => f.held },
  { key: 'waiting', label: 'Waiting for a rollout', test: f => f.behind && !f.held },
];

export function matchesHealth(cluster, key) {
  const filter = HEALTH_FILTERS.find(h => h.key === key);
  return !filter || filter.test(flags(cluster));
}

/** Counts of a set of clusters, in the fleet summary's shape plus `held`. */
export function tally(clusters) {
  const t = { clusters: 0, inSync: 0, drifted: 0, unhealthy: 0, offline: 0, unknown: 0, held: 0 };
  for (const c of clusters) {
    const f = flags(c);
    t.clusters++;
    if (f.inSync) t.inSync++;
    if (f.drifted) t.drifted++;
    if (f.unhealthy) t.unhealthy++;
    if (f.offline) t.offline++;
    if (f.unknown) t.unknown++;
    if (f.held) t.held++;
  }
  return t;
}

/** A small badge with the state's word (colour is never the only signal). */
export function badge(key, text = stateLabel(key)) {
  return html`<span class="badge st-${key}">${text}</span>`;
}

/** Tones of the API's words (health, link, lifecycle, rollout and member states, outcomes, condition statuses). */
const TONES = {
  ok: ['healthy', 'succeeded', 'online', 'true', 'ready', 'applied', 'current', 'approved'],
  info: ['progressing', 'moving', 'soaking', 'pending', 'waiting', 'joined', 'provisioning', 'provisioned', 'inprogress',
    'waitingforwindow', 'declared', 'promoted'],
  warn: ['degraded', 'unknown', 'skipped', 'deleting', 'held'],
  bad: ['failed', 'rolledback', 'aborted', 'false', 'offline', 'refused', 'denied', 'stopped'],
};
const TONE_OF = new Map(Object.entries(TONES).flatMap(([tone, words]) => words.map(w => [w, tone])));

/** A badge for an API word such as Healthy, Failed, Progressing, Paused, Online, with a tone by its meaning. */
export function wordBadge(word) {
  if (!word) return html`<span class="muted">–</span>`;
  return html`<span class="badge tone-${TONE_OF.get(word.toLowerCase()) ?? 'neutral'}">${word}</span>`;
}
