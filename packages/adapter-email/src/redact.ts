/**
 * Removes secret values from text that may reach logs, errors or delivery records (server
 * replies sometimes echo what they were sent). Secrets shorter than 4 characters are not
 * searched for: they would blank out unrelated text and carry little to leak.
 */
export function redactSecrets(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** A loggable one-line description of an unknown error, secrets removed. Includes the server's words (IMAP `responseText`, SMTP `response`) and codes. */
export function describeError(error: unknown, secrets: readonly (string | null | undefined)[] = []): string {
  if (!(error instanceof Error)) return redactSecrets(String(error), secrets);
  const extra = error as { code?: unknown; serverResponseCode?: unknown; responseText?: unknown };
  const parts = [error.message];
  if (typeof extra.responseText === 'string' && extra.responseText && !error.message.includes(extra.responseText)) parts.push(`: ${extra.responseText}`);
  const codes = [extra.serverResponseCode, extra.code].filter((c): c is string => typeof c === 'string' && c.length > 0);
  if (codes.length) parts.push(` (${codes.join(', ')})`);
  return redactSecrets(parts.join(''), secrets);
}
