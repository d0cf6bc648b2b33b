import type { MatchAnswer } from './types.js';

/**
 * Runs the chatflow's behaviour triggers; calls `fire` once, when the first one fires (at
 * once when there are none). Returns a function that cancels whatever still waits.
 */
export function runTriggers(triggers: MatchAnswer['triggers'], fire: () => void): () => void {
  const cleanups: Array<() => void> = [];
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cancel();
    fire();
  };
  const cancel = () => cleanups.splice(0).forEach((c) => c());
  if (triggers.length === 0) {
    queueMicrotask(once);
    return cancel;
  }
  for (const trigger of triggers) {
    if (trigger.type === 'timeOnPage') {
      const timer = setTimeout(once, trigger.seconds * 1000);
      cleanups.push(() => clearTimeout(timer));
    } else if (trigger.type === 'scroll') {
      const onScroll = () => {
        const doc = document.documentElement;
        const scrollable = doc.scrollHeight - window.innerHeight;
        const percent = scrollable <= 0 ? 100 : (window.scrollY / scrollable) * 100;
        if (percent >= trigger.percent) once();
      };
      window.addEventListener('scroll', onScroll, { passive: true });
      cleanups.push(() => window.removeEventListener('scroll', onScroll));
    } else {
      // Exit intent: the pointer leaves through the top of the viewport (towards tabs / the address bar).
      const onLeave = (event: MouseEvent) => {
        if (event.relatedTarget === null && event.clientY <= 0) once();
      };
      document.addEventListener('mouseout', onLeave);
      cleanups.push(() => document.removeEventListener('mouseout', onLeave));
    }
  }
  return cancel;
}
