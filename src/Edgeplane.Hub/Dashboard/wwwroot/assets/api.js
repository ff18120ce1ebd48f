// The hub's REST API (docs/api.md): bearer token on every call, problem details turned into ApiError.

/** A refused or failed call: `status` is the HTTP status (0 when the hub did not answer), `detail` the problem's words. */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title || `the hub answered ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = title ?? '';
    this.detail = detail ?? '';
  }
}

export class Api {
  /**
   * @param {string} token the API token
   * @param {(error: ApiError) => void} onUnauthorized called on every 401 (the token is unknown, expired or revoked)
   */
  constructor(token, onUnauthorized) {
    this.token = token;
    this.onUnauthorized = onUnauthorized;
  }

  async request(method, path, { query, body, signal } = {}) {
    const url = new URL(`/api/v1${path}`, location.origin);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
    }
    const headers = { Authorization: `Bearer ${this.token}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(url, {
        method, headers, signal, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      if (error.name === 'AbortError') throw error;
      throw new ApiError(0, 'Hub unreachable', `the hub did not answer (${error.message})`);
    }
    if (response.status === 204) return null;
    const type = response.headers.get('content-type') ?? '';
    const payload = type.includes('json') ? await response.json() : await response.text();
    if (!response.ok) {
      const problem = typeof payload === 'object' && payload !== null ? payload : { detail: String(payload).trim() };
      const error = new ApiError(response.status, problem.title, problem.detail);
      if (response.status === 401) this.onUnauthorized(error);
      throw error;
    }
    return payload;
  }

  get(path, query, options) { return this.request('GET', path, { ...options, query }); }

  post(path, body) { return this.request('POST', path, { body }); }

  /**
   * Every item of a paged list, following `continue`: `pageSize` per page (1000, the lists' maximum; null leaves the
   * endpoint's default, e.g. the fleet map's 20,000).
   */
  async all(path, query = {}, { signal, pageSize = 1000 } = {}) {
    const items = [];
    let next = null;
    do {
      const page = await this.get(path, { ...query, limit: pageSize ?? undefined, continue: next }, { signal });
      for (const item of page.items) items.push(item);
      next = page.continue;
    } while (next);
    return items;
  }
}
