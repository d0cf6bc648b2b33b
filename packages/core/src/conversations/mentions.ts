const MENTION = /@\[([^\]\s]{1,200})\]/g;

/** User ids mentioned as `@[userId]` in a comment, in order of first appearance, without repeats. */
export function parseMentions(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => m[1]!))];
}
