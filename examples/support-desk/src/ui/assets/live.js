/* global document, window, location, fetch, navigator, DOMParser, EventSource, URLSearchParams, FormData, setTimeout, clearTimeout, setInterval */
// Enhancements for the server-rendered pages; everything works without them.
// - /live (Server-Sent Events) says which conversation changed; the page re-fetches itself and
//   swaps its [data-live] regions. No client rendering.
// - On a conversation: presence heartbeats (viewing every 10 s, typing while keys are pressed,
//   left on leaving), and snippets inserted at the cursor instead of reloading the page.
(() => {
  const regions = () => [...document.querySelectorAll('[data-live]')];
  const here = document.querySelector('[data-conversation-id]')?.dataset.conversationId;
  const parse = async (response) => new DOMParser().parseFromString(await response.text(), 'text/html');

  async function refresh() {
    const response = await fetch(location.href, { headers: { accept: 'text/html' } });
    if (!response.ok) return;
    const next = await parse(response);
    for (const region of regions()) {
      // Never swap a region the agent is typing in.
      if (region.contains(document.activeElement) && document.activeElement !== document.body) continue;
      const fresh = next.querySelector(`[data-live="${region.dataset.live}"]`);
      if (fresh && fresh.innerHTML !== region.innerHTML) region.replaceWith(fresh);
    }
  }

  if (regions().length > 0 && window.EventSource) {
    let timer = null;
    const source = new EventSource('/live');
    source.onopen = () => (document.documentElement.dataset.live = 'connected');
    source.onmessage = (message) => {
      const change = JSON.parse(message.data);
      if (here ? change.conversationId !== here : change.type === 'presence') return;
      clearTimeout(timer);
      timer = setTimeout(refresh, 150);
    };
  }

  if (!here) return;
  const presence = `/conversations/${here}/presence`;
  const signal = (state) => fetch(presence, { method: 'POST', body: new URLSearchParams({ state }) }).catch(() => {});
  signal('viewing');
  setInterval(() => document.visibilityState === 'visible' && signal('viewing'), 10_000);
  let typedAt = 0;
  document.getElementById('composer-text')?.addEventListener('input', () => {
    if (Date.now() - typedAt < 3000) return;
    typedAt = Date.now();
    signal('typing');
  });
  window.addEventListener('pagehide', () => navigator.sendBeacon(presence, new URLSearchParams({ state: 'left' })));

  // A snippet is rendered by the server for this conversation; insert its text at the cursor.
  document.querySelector('[data-snippets]')?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const query = new URLSearchParams(new FormData(event.target));
    const rendered = (await parse(await fetch(`${location.pathname}?${query}`))).getElementById('composer-text')?.value ?? '';
    const box = document.getElementById('composer-text');
    box.setRangeText(rendered, box.selectionStart, box.selectionEnd, 'end');
    box.focus();
  });
})();
