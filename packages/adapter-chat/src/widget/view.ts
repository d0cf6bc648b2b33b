import { el } from './dom.js';
import { styles } from './styles.js';
import type { ChatMessage, MatchAnswer } from './types.js';

/** What the view asks the controller to do. */
export interface ViewActions {
  toggle(): void;
  close(): void;
  send(text: string): void;
  /** The visitor typed (`true`) or emptied the box (`false`). */
  typing(typing: boolean): void;
  captureEmail(email: string): void;
}

const safeHttpUrl = (value: string | null) => (value && /^https?:\/\//i.test(value) ? value : null);

/**
 * The widget's DOM in an open shadow root: a launcher button with an unread badge, a prompt
 * for the welcome message, and a dialog panel with the profile or away message, the message
 * log (an `aria-live` region), quick replies and a labelled textbox where Enter sends.
 */
export function createView(match: MatchAnswer, actions: ViewActions) {
  const host = el('div', { 'data-inboxkit-chat': true });
  const root = host.attachShadow({ mode: 'open' });
  const badge = el('span', { class: 'badge', hidden: true, 'aria-hidden': 'true' });
  const launcher = el('button', { type: 'button', class: 'launcher', 'aria-label': 'Open chat', 'aria-expanded': 'false' }, chatIcon(), badge);
  const prompt = el('div', { class: 'prompt', hidden: true, role: 'status' });
  const log = el('ol', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Chat messages' });
  const replies = el('div', { class: 'replies', role: 'group', 'aria-label': 'Quick replies' });
  // A status region of its own: "is typing" is announced politely, apart from the message log.
  const typing = el('div', { class: 'typing', role: 'status', hidden: true });
  const textbox = el('textarea', { id: 'ik-message', rows: '1', placeholder: 'Write a message…', maxlength: '5000' });
  const compose = el(
    'form',
    { class: 'compose' },
    el('label', { class: 'sr', for: 'ik-message' }, 'Message'),
    textbox,
    el('button', { type: 'submit' }, 'Send'),
  );
  const profile = match.profile;
  const avatar = profile?.type === 'user' ? safeHttpUrl(profile.avatarUrl) : null;
  const meeting = profile?.type === 'user' ? safeHttpUrl(profile.meetingLink) : null;
  const title = profile?.name ?? 'Chat';
  const header = el(
    'header',
    {},
    avatar ? el('img', { src: avatar, alt: '' }) : null,
    el('div', { class: 'who' }, el('div', { class: 'name', id: 'ik-title' }, title), meeting ? el('a', { href: meeting, target: '_blank', rel: 'noopener noreferrer' }, 'Book a meeting') : null),
    el('button', { type: 'button', 'aria-label': 'Close chat' }, '×'),
  );
  const away = match.availability && !match.availability.open ? awayBox(match.availability, actions) : null;
  const panel = el('div', { class: 'panel', role: 'dialog', 'aria-labelledby': 'ik-title', hidden: true }, header, away, log, typing, replies, compose);
  root.append(el('style', {}, styles), prompt, panel, launcher);

  launcher.addEventListener('click', () => actions.toggle());
  header.querySelector('button')!.addEventListener('click', () => actions.close());
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') actions.close();
  });
  const submit = () => {
    const text = textbox.value.trim();
    if (!text) return;
    textbox.value = '';
    actions.send(text);
  };
  compose.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  textbox.addEventListener('input', () => actions.typing(textbox.value.trim() !== ''));
  textbox.addEventListener('keydown', (event) => {
    // Enter sends; Shift+Enter is a new line; an IME composition is never sent half-typed.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });

  const rendered = new Map<string, HTMLLIElement>();
  return {
    host,
    setOpen(open: boolean) {
      panel.hidden = !open;
      prompt.hidden = true;
      launcher.setAttribute('aria-expanded', String(open));
      launcher.setAttribute('aria-label', open ? 'Close chat' : 'Open chat');
      if (open) textbox.focus();
      else launcher.focus();
    },
    prefill(text: string) {
      textbox.value = text;
    },
    showPrompt(text: string) {
      prompt.textContent = text;
      prompt.hidden = false;
    },
    setUnread(count: number) {
      badge.textContent = String(count);
      badge.hidden = count === 0;
      launcher.setAttribute('aria-label', count > 0 ? `Open chat, ${count} unread` : launcher.getAttribute('aria-expanded') === 'true' ? 'Close chat' : 'Open chat');
    },
    /** Adds a message, or replaces the pending bubble it acknowledges (same `clientId`). */
    addMessage(message: Pick<ChatMessage, 'direction' | 'author' | 'text'> & { key: string; pending?: boolean }) {
      const who = message.direction === 'incoming' ? 'You' : (message.author.name ?? (message.author.type === 'bot' ? 'Bot' : title));
      const item = el('li', { class: `msg ${message.direction}${message.pending ? ' pending' : ''}` }, el('span', { class: 'author' }, who), message.text);
      const existing = rendered.get(message.key);
      if (existing) existing.replaceWith(item);
      else log.append(item);
      rendered.set(message.key, item);
      log.scrollTop = log.scrollHeight;
    },
    /** Shows "<name> is typing…" under the log, or hides it (`null`). */
    setAgentTyping(name: string | null) {
      typing.textContent = name === null ? '' : `${name} is typing…`;
      typing.hidden = name === null;
    },
    setQuickReplies(options: string[]) {
      replies.replaceChildren(
        ...options.map((label) => {
          const button = el('button', { type: 'button' }, label);
          button.addEventListener('click', () => actions.send(label));
          return button;
        }),
      );
    },
  };
}

/** A speech-bubble icon drawn in SVG (no emoji font needed), hidden from assistive tech: the button's label names it. */
function chatIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '26');
  svg.setAttribute('height', '26');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z');
  svg.append(path);
  return svg;
}

function awayBox(availability: NonNullable<MatchAnswer['availability']>, actions: ViewActions): HTMLElement {
  const box = el('div', { class: 'away', role: 'note' }, availability.awayMessage ?? 'We are away right now. Leave a message and we will get back to you.');
  if (availability.collectEmail) {
    const input = el('input', { type: 'email', id: 'ik-email', autocomplete: 'email', required: true });
    const form = el('form', {}, el('label', { class: 'sr', for: 'ik-email' }, 'Your email'), input, el('button', { type: 'submit' }, 'Notify me'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!input.checkValidity()) return;
      actions.captureEmail(input.value.trim());
      form.replaceWith(el('p', {}, `Thanks — we will reply to ${input.value.trim()}.`));
    });
    box.append(form);
  }
  return box;
}
