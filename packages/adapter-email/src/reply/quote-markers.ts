// Lines that open quoted history, per client and language. Kept as data so a new client or
// language is one line here plus one row in the test table.

/** "On … wrote:" attribution lines (Gmail, Apple Mail, Thunderbird, Yahoo, mobile clients). */
const ATTRIBUTION_VERBS = [
  'wrote', // English
  'schrieb', // German: Am … schrieb …:
  'a écrit', // French: Le … a écrit :
  'escribió', // Spanish: El … escribió:
  'skrev', // Norwegian, Swedish, Danish: Den … skrev …:
  'kirjoitti', // Finnish
  'schreef', // Dutch
  'scrisse', // Italian
];
const attribution = new RegExp(`(?:^|\\s)(?:${ATTRIBUTION_VERBS.join('|')})(?:\\s.*)?\\s?:\\s*$`, 'iu');

/** `-----Original Message-----` separators (Outlook, Lotus, older clients). */
const originalMessage =
  /^\s*-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|opprinnelig melding|ursprungligt meddelande|oprindelig meddelelse|originele bericht)\s*-{2,}\s*$/iu;

/** Outlook's header block: a `From:` line with a `Sent:`/`Date:` line just below. */
const outlookFrom = /^\s*\*?(?:from|von|de|fra|från|van|da)\s?\*?\s?:\s*\S/iu;
const outlookSent = /^\s*\*?(?:sent|date|gesendet|datum|envoyé|date d'envoi|enviado|fecha|sendt|dato|skickat|verzonden|inviato)\s?\*?\s?:\s*\S/iu;
/** Outlook's rule above the header block. */
const underscoreRule = /^\s*_{10,}\s*$/u;

/** Where the quoted history starts (index into `lines`), or -1. */
export function findQuoteStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (originalMessage.test(line)) return i;
    if (isAttribution(line)) return i;
    // Gmail wraps long attributions: "On Mon, 1 Dec 2026 at 10:00, Ann <ann@…>\nwrote:".
    const next = lines[i + 1];
    if (next !== undefined && /^\s*\S/u.test(next) && line.trim() !== '' && isAttribution(`${line} ${next}`) && !isAttribution(next)) return i;
    if (outlookFrom.test(line) && lines.slice(i + 1, i + 5).some((l) => outlookSent.test(l))) {
      return i > 0 && underscoreRule.test(lines[i - 1]!) ? i - 1 : i;
    }
    if (/^\s*>/u.test(line) && lines.slice(i).every((l) => l.trim() === '' || /^\s*>/u.test(l))) return i;
  }
  return -1;
}

// An attribution names a date or time (a digit) and ends with the verb and a colon.
function isAttribution(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length < 400 && /\d/u.test(trimmed) && attribution.test(trimmed);
}

/** Lines that start a signature: the `-- ` delimiter (RFC 3676) and mobile sign-offs. */
const mobileSignature = [
  /^sent from my\b/iu,
  /^sent from (?:outlook|mail|yahoo mail)\b/iu,
  /^get outlook for\b/iu,
  /^sent via\b/iu,
  /^von meinem .+ gesendet\b/iu,
  /^gesendet von meinem\b/iu,
  /^envoyé de mon\b/iu,
  /^enviado desde mi\b/iu,
  /^sendt fra min\b/iu,
  /^skickat från min\b/iu,
];

/** Where the signature starts in the new text (index into `lines`), or -1. */
export function findSignatureStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '-- ' || lines[i] === '--') return i;
  }
  // A mobile sign-off only counts near the end: the last three non-blank lines.
  const tail = lines.map((line, index) => ({ line: line.trim(), index })).filter((l) => l.line !== '').slice(-3);
  return tail.find((l) => mobileSignature.some((re) => re.test(l.line)))?.index ?? -1;
}
