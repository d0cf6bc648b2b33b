import { ValidationError, type FieldIssue } from '../errors/validation-error.js';

/** Word parts that name a secret on their own (`password`, `db_pwd`, `Authorization`, `apikey`). */
const SECRET_WORDS = new Set([
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'credential', 'credentials',
  'authorization', 'auth', 'bearer', 'cookie', 'apikey', 'accesskey', 'secretkey', 'privatekey', 'clientsecret',
]);
/** A trailing `key` names a secret after one of these (`apiKey`, `ACCESS_KEY`, `signing-key`). */
const KEY_QUALIFIERS = new Set(['api', 'access', 'secret', 'private', 'signing', 'encryption', 'master', 'account', 'client', 'session']);
/** Suffixes that still denote the secret itself (`privateKeyPem`, `tokenValue`, `passwordB64`). */
const VALUE_SUFFIXES = new Set(['pem', 'value', 'b64', 'base64', 'hex', 'raw', 'data', 'string', 'text', 'plain', 'plaintext']);
/** Run-together names written without separators (`clientsecret`, `smtppassword`). */
const EMBEDDED = ['password', 'passwd', 'secret', 'apikey', 'accesskey', 'privatekey', 'authorization', 'credential'];

/** `fooBar`, `foo_bar`, `FOO-BAR`, `foo.bar` → `['foo', 'bar']`. */
function wordParts(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p.toLowerCase());
}

/** True for keys holding references (`passwordRef`, `api_key_ref`, `secretRefs`): those are what config should carry. */
function isReference(parts: string[]): boolean {
  const last = parts.at(-1);
  return last === 'ref' || last === 'refs' || last === 'reference';
}

/** True when a config key names a secret value, however it is cased or separated. */
export function isSecretKey(key: string): boolean {
  const parts = wordParts(key);
  if (parts.length === 0 || isReference(parts)) return false;
  while (parts.length > 1 && VALUE_SUFFIXES.has(parts.at(-1)!)) parts.pop();
  const last = parts.at(-1)!.replace(/(?<=.{3})s$/, ''); // plurals: `tokens`, `apiKeys`
  if (SECRET_WORDS.has(last) || SECRET_WORDS.has(parts.at(-1)!)) return true;
  if (last === 'key' && parts.length > 1 && KEY_QUALIFIERS.has(parts.at(-2)!)) return true;
  const joined = parts.join('');
  return parts.length === 1 && EMBEDDED.some((word) => joined.includes(word));
}

/** `scheme://user:password@host`: credentials written into a URL. */
const URL_CREDENTIALS = /[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:[^\s/?#@]+@/i;
/** A PEM private key pasted as a value. */
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** Why a string value is a secret wherever it appears, or `null`. */
function secretInValue(value: string): string | null {
  if (URL_CREDENTIALS.test(value)) return 'a URL with a password (user:pass@); put the password behind a reference';
  if (PEM_PRIVATE_KEY.test(value)) return 'a private key; pass a reference instead';
  return null;
}

/**
 * Rejects channel configs that carry secret *values* instead of references (`passwordRef:
 * 'vault-key'`), so secrets never reach storage in plain text. A key names a secret when one of
 * its word parts does, whatever the case or separator (`password`, `DB_PWD`, `apiKey`,
 * `client-secret`, `Authorization`, `privateKeyPem`); `…Ref` keys are references and allowed.
 * Nested objects and arrays are scanned, and any string holding URL credentials or a PEM
 * private key is refused too. `VALIDATION` names every offending field.
 */
export function assertNoInlineSecrets(config: unknown, context: string): void {
  const issues: FieldIssue[] = [];
  const seen = new Set<object>();
  const walk = (value: unknown, path: string, secretKey: string | null) => {
    if (typeof value === 'string') {
      const reason = secretKey !== null && value.length > 0 ? `secret values are not stored; pass a reference as "${secretKey}Ref"` : secretInValue(value);
      if (reason) issues.push({ path, message: reason });
    } else if (secretKey !== null && (typeof value === 'number' || typeof value === 'bigint')) {
      issues.push({ path, message: `secret values are not stored; pass a reference as "${secretKey}Ref"` });
    } else if (value && typeof value === 'object' && !seen.has(value)) {
      seen.add(value);
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`, secretKey));
      else for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`, isSecretKey(key) ? key : null);
    }
  };
  walk(config, 'config', null);
  if (issues.length > 0) throw new ValidationError(context, issues);
}
