// Reply and forward prefixes of the clients and languages we see: Re/RE/AW (de)/SV (no, sv)/
// VS (fi, no)/Antw (nl)/Odp (pl)/Fwd/Fw/WG (de)/TR (fr)/RV (es), with optional counters ("Re[2]:").
const PREFIX = /^\s*(?:(?:re|aw|sv|vs|antw|odp|fwd?|wg|tr|rv)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*)+/iu;
const FORWARD = /^\s*(?:fwd?|wg|tr|rv)\s*[:：]/iu;

/** A subject without reply/forward prefixes (`Re:`, `AW:`, `SV:`, `VS:`, `Fwd:`…), whitespace collapsed, lower-cased: what subject threading compares. Pure. */
export function normalizeSubject(subject: string | null | undefined): string {
  return (subject ?? '').replace(PREFIX, '').replace(/\s+/gu, ' ').trim().toLowerCase();
}

/** The subject marks a forward (`Fwd:`, `WG:`, `TR:`, `RV:`): channels start a new conversation for it. Pure. */
export function isForward(subject: string | null | undefined): boolean {
  return FORWARD.test(subject ?? '');
}
