// The hub's live event stream (GET /api/v1/events, text/event-stream). EventSource cannot send an Authorization
// header, so the stream is read with fetch() and a stream reader. On a dropped stream it reconnects with back-off
// (1 s doubling to 30 s, with jitter) and, once back, asks every view to refetch (`reset`), since events were missed.

const FIRST_DELAY = 1000;
const MAX_DELAY = 30000;
/** No byte (not even a keep-alive comment) for this long: the connection is dead even if TCP has not noticed. */
const SILENCE_LIMIT = 75000;
/** A hub without the stream: ask again this often instead. */
const POLL_INTERVAL = 5000;

const pause = ms => new Promise(resolve => setTimeout(resolve, ms));

export class LiveEvents {
  /**
   * @param {object} options
   * @param {() => string} options.token the current API token
   * @param {(type: string, data: object) => void} options.onEvent one parsed event
   * @param {(state: 'connecting'|'live'|'reconnecting'|'polling') => void} options.onState the connection's state
   * @param {() => void} options.onUnauthorized the stream answered 401
   */
  constructor({ token, onEvent, onState, onUnauthorized }) {
    this.token = token;
    this.onEvent = onEvent;
    this.onState = onState;
    this.onUnauthorized = onUnauthorized;
    this.running = false;
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.loop();
  }

  stop() {
    this.running = false;
    this.controller?.abort();
  }

  async loop() {
    let delay = FIRST_DELAY;
    let connectedBefore = false;
    while (this.running) {
      this.onState(connectedBefore ? 'reconnecting' : 'connecting');
      this.controller = new AbortController();
      try {
        const response = await fetch('/api/v1/events', {
          headers: { Authorization: `Bearer ${this.token()}`, Accept: 'text/event-stream' },
          cache: 'no-store',
          signal: this.controller.signal,
        });
        if (response.status === 401) {
          this.running = false;
          this.onUnauthorized();
          return;
        }
        if (response.status === 404) {
          await this.poll();
          return;
        }
        if (response.ok && response.body) {
          if (connectedBefore) this.onEvent('reset', {});
          connectedBefore = true;
          this.onState('live');
          delay = FIRST_DELAY;
          await this.read(response.body);
        }
      } catch {
        // a dropped connection or a hub that is not there: back off and try again below
      }
      if (!this.running) return;
      this.onState('reconnecting');
      await pause(delay + Math.random() * delay * 0.2);
      delay = Math.min(delay * 2, MAX_DELAY);
    }
  }

  /** Reads server-sent events until the stream ends, goes silent or is stopped. */
  async read(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let type = '';
    let data = [];
    let silence = setTimeout(() => this.controller.abort(), SILENCE_LIMIT);
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        clearTimeout(silence);
        silence = setTimeout(() => this.controller.abort(), SILENCE_LIMIT);
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, end).replace(/\r$/, '');
          buffer = buffer.slice(end + 1);
          if (line === '') {
            if (type || data.length) this.dispatch(type || 'message', data.join('\n'));
            type = '';
            data = [];
          } else if (line.startsWith(':')) {
            // keep-alive
          } else {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') type = text;
            else if (field === 'data') data.push(text);
          }
        }
      }
    } finally {
      clearTimeout(silence);
      reader.cancel().catch(() => {});
    }
  }

  dispatch(type, text) {
    let data = {};
    try {
      data = text ? JSON.parse(text) : {};
    } catch {
      data = {};
    }
    this.onEvent(type, data);
  }

  /** A hub without the event stream: every view refetches what it shows every few seconds instead. */
  async poll() {
    this.onState('polling');
    while (this.running) {
      await pause(POLL_INTERVAL);
      if (this.running) this.onEvent('reset', {});
    }
  }
}
