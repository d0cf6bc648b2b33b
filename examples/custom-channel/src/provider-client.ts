import { ChannelError } from '@inboxkit/core';

/** One outgoing SMS as the provider's API takes it. */
export interface OutgoingSms {
  /** The channel's number. */
  from: string;
  /** The contact's number. */
  to: string;
  /** The reply text. */
  text: string;
  /**
   * The kit's id for this message. Sent as `Idempotency-Key`, so a re-send after a crash is
   * recognised by the provider instead of texting the customer twice.
   */
  clientRef: string;
}

const PREFIX = 'sms';

/**
 * Sends one SMS through the provider's REST API (`POST <apiUrl>/v1/messages`) and resolves with
 * the provider's message id. Failures are `CHANNEL` errors: retryable for network errors, 429
 * and 5xx; final for other 4xx (a bad number will not get better). Error messages name the
 * status and the provider's reason, never the request (its header holds the key).
 */
export async function sendSms(input: { apiUrl: string; apiKey: string; fetch: typeof fetch; sms: OutgoingSms }): Promise<{ id: string }> {
  let response: Response;
  try {
    response = await input.fetch(new URL('/v1/messages', input.apiUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${input.apiKey}`, 'content-type': 'application/json', 'idempotency-key': input.sms.clientRef },
      body: JSON.stringify({ from: input.sms.from, to: input.sms.to, text: input.sms.text }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new ChannelError(PREFIX, `the SMS provider is unreachable: ${(error as Error).message}`, { retryable: true, cause: error });
  }
  const body = (await response.json().catch(() => null)) as { id?: unknown; error?: unknown } | null;
  if (!response.ok) {
    const reason = typeof body?.error === 'string' ? `: ${body.error.slice(0, 200)}` : '';
    const retryable = response.status === 429 || response.status >= 500;
    throw new ChannelError(PREFIX, `the SMS provider refused the message (HTTP ${response.status})${reason}`, { retryable });
  }
  if (typeof body?.id !== 'string') throw new ChannelError(PREFIX, 'the SMS provider answered without a message id', { retryable: true });
  return { id: body.id };
}
