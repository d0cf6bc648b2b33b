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

/** A loggable one-line description of an unknown error, secrets removed. */
export function describeError(error: unknown, secrets: readonly (string | null | undefined)[] = []): string {
  const text = error instanceof Error ? `${error.message}${(error as { code?: unknown }).code ? ` (${String((error as { code?: unknown }).code)})` : ''}` : String(error);
  return redactSecrets(text, secrets);
}
