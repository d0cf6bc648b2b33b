/* global document, window, location, fetch, DOMParser, EventSource, setTimeout, clearTimeout */
// Live updates for the server-rendered pages: /live (Server-Sent Events) says which conversation
// changed; the page re-fetches itself and swaps its [data-live] regions. No client rendering.
(() => {
  const regions = () => [...document.querySelectorAll('[data-live]')];
  if (regions().length === 0 || !window.EventSource) return;
  const here = document.querySelector('[data-conversation-id]')?.dataset.conversationId;
  let timer = null;

  async function refresh() {
    const response = await fetch(location.href, { headers: { accept: 'text/html' } });
    if (!response.ok) return;
    const next = new DOMParser().parseFromString(await response.text(), 'text/html');
    for (const region of regions()) {
      // Never swap a region the agent is typing in.
      if (region.contains(document.activeElement) && document.activeElement !== document.body) continue;
      const fresh = next.querySelector(`[data-live="${region.dataset.live}"]`);
      if (fresh && fresh.innerHTML !== region.innerHTML) region.replaceWith(fresh);
    }
  }

  const source = new EventSource('/live');
  source.onopen = () => (document.documentElement.dataset.live = 'connected');
  source.onmessage = (message) => {
    const change = JSON.parse(message.data);
    if (here && change.conversationId !== here) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
  };
})();
