import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { UnsupportedError } from '../errors/unsupported-error.js';

const PREFIX = 'whsec_';

/**
 * A Standard Webhooks signing secret: `whsec_` and the base64 of 24 to 64 random bytes (the
 * spec's recommended range; shorter keys are too weak for HMAC-SHA256, longer buy nothing).
 */
export const webhookSecretSchema = z.string().refine((value) => {
  if (!value.startsWith(PREFIX)) return false;
  const body = value.slice(PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return false;
  const bytes = Buffer.from(body, 'base64').length;
  return bytes >= 24 && bytes <= 64;
}, 'expected a Standard Webhooks secret: "whsec_" + base64 of 24 to 64 bytes');

/** A fresh signing secret (32 random bytes). */
export function generateWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString('base64');
}

/** What a sealed secret is bound to: it opens for this webhook of this workspace only. */
export const sealContext = (workspaceId: string, webhookId: string) => `${workspaceId}/${webhookId}`;

/** Encrypts and decrypts webhook secrets for storage. Internal. */
export interface SecretSealer {
  /** `secret` encrypted for storage, bound to its webhook (`context`). */
  seal(secret: string, context: string): string;
  /** The secret back; throws when no configured key opened it or `context` differs (moved between rows). */
  open(sealed: string, context: string): string;
}

interface Key {
  id: string;
  bytes: Buffer;
}

function deriveKey(material: string): Key {
  const bytes = Buffer.from(hkdfSync('sha256', material, 'inboxkit', 'webhook secrets v1', 32));
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 8), bytes };
}

/**
 * Seals webhook secrets with AES-256-GCM under a key the host gives the kit
 * (`webhooks.encryptionKey`), so a database dump alone does not reveal them. The first key
 * seals; every key given opens (so keys can be rotated: put the new one first). Each sealed
 * value names its key by a short fingerprint and authenticates its webhook (`context`), so a
 * sealed secret copied onto another webhook or workspace does not open. Without a key, every
 * use throws `UNSUPPORTED`: the kit never falls back to plain text.
 */
export function secretSealer(encryptionKey: string | readonly string[] | undefined): SecretSealer {
  const keys = (typeof encryptionKey === 'string' ? [encryptionKey] : (encryptionKey ?? [])).map(deriveKey);
  const sealing = () => {
    const key = keys[0];
    if (!key) {
      throw new UnsupportedError('webhook secrets are stored encrypted: pass createInboxKit({ webhooks: { encryptionKey } })');
    }
    return key;
  };
  return {
    seal(secret, context) {
      const key = sealing();
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key.bytes, iv).setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return ['v1', key.id, iv.toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed, context) {
      sealing();
      const [version, keyId, iv, body] = sealed.split('.');
      const key = keys.find((k) => k.id === keyId);
      if (version !== 'v1' || !key || !iv || !body) throw new UnsupportedError('webhook secret was sealed with a key this kit does not have');
      const bytes = Buffer.from(body, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url')).setAAD(Buffer.from(context));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
    },
  };
}
