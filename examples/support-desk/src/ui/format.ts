import type { User } from '@inboxkit/core';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration for people: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`; `—` for none. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < MINUTE) return `${Math.round(ms / 1000)} s`;
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
  if (ms < DAY) {
    const minutes = Math.round((ms % HOUR) / MINUTE);
    return `${Math.floor(ms / HOUR)} h${minutes ? ` ${minutes} min` : ''}`;
  }
  const hours = Math.round((ms % DAY) / HOUR);
  return `${Math.floor(ms / DAY)} d${hours ? ` ${hours} h` : ''}`;
}

/** How long ago `at` was, relative to `now`: `just now`, `5 min ago`, `3 h ago`, `2 d ago`. */
export function ago(at: number, now: number): string {
  const elapsed = Math.max(0, now - at);
  return elapsed < MINUTE ? 'just now' : `${duration(elapsed).split(' ').slice(0, 2).join(' ')} ago`;
}

/** A date and time in UTC, `2026-12-02 15:04`. */
export function dateTime(at: number): string {
  return new Date(at).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Turns what an agent types (`@Ingrid`, `@Ingrid Berg`, case-insensitive) into core mentions
 * (`@[userId]`). Full names win over first names; an ambiguous first name stays text.
 */
export function toMentions(text: string, users: Pick<User, 'id' | 'name'>[]): string {
  const names = new Map<string, string | null>();
  for (const user of users) {
    names.set(user.name.toLowerCase(), user.id);
    const first = user.name.split(/\s+/)[0]!.toLowerCase();
    names.set(first, names.has(first) && names.get(first) !== user.id ? null : user.id);
  }
  const keys = [...names.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (keys.length === 0) return text;
  const pattern = new RegExp(`@(${keys.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return text.replace(pattern, (whole, name: string) => {
    const id = names.get(name.toLowerCase());
    return id ? `@[${id}]` : whole;
  });
}

/** Splits a comment into text and mentions (`@[userId]`), for rendering names. */
export function mentionParts(text: string): Array<{ text: string } | { userId: string }> {
  const parts: Array<{ text: string } | { userId: string }> = [];
  let last = 0;
  for (const match of text.matchAll(/@\[([^\]\s]+)\]/g)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ userId: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
