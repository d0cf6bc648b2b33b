import { createHash } from 'node:crypto';
import type { Form } from '@inboxkit/core';
import { runChannelConformance, type ChannelConformanceDriver, type ChannelTestContext } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { formsChannel, type FormsChannel } from '@inboxkit/adapter-forms';

// The channel adapter contract, driven through the real intake: fetch a token from the
// handler, POST the submission as JSON. The message key is the client's submission id, so a
// redelivery is a retry. Forms cannot send (replies go out by email), so `send: false`.

/** The conformance form of a channel, created on first use. */
async function formOf(context: ChannelTestContext<void>): Promise<Form> {
  const ws = context.kit.workspace(context.workspaceId);
  const existing = (await ws.forms.list({ inboxId: context.inbox.id })).items.find((f) => f.channelId === context.channel.id);
  return (
    existing ??
    ws.forms.create({
      inboxId: context.inbox.id,
      channelId: context.channel.id,
      name: 'Conformance form',
      fields: [
        { name: 'email', type: 'email', required: true },
        { name: 'name', type: 'text' },
        { name: 'message', type: 'textarea', required: true },
      ],
    })
  );
}

const driver: ChannelConformanceDriver = {
  createStorage: async () => ({ storage: memoryStorage() }),
  config: () => ({ secretRef: 'forms-channel-secret' }),
  invalidConfigs: [
    { title: 'an unknown setting', config: () => ({ colour: 'red' }), field: 'colour' },
    { title: 'a secretRef that is not a string', config: () => ({ secretRef: 42 }), field: 'secretRef' },
  ],
  secrets: { 'forms-kit-secret': 'kit-wide-signing-secret-1', 'forms-channel-secret': 'channel-signing-secret-2' },
  send: false,
  async deliver(context, message) {
    const forms = context.adapter as FormsChannel;
    const form = await formOf(context);
    const base = `http://forms.conformance.test/forms/${form.id}`;
    const issued = await forms.handler(new Request(`${base}/token`));
    if (issued.status !== 200) throw new Error(`token request answered ${issued.status}: ${await issued.text()}`);
    const { token } = (await issued.json()) as { token: string };
    const response = await forms.handler(
      new Request(`${base}/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          values: { email: message.from.email, name: message.from.name, message: message.text },
          submissionId: `conformance-${createHash('sha256').update(message.key).digest('hex').slice(0, 40)}`,
          visitorId: message.from.visitorId,
          token,
        }),
      }),
    );
    if (!response.ok) throw new Error(`submission answered ${response.status}: ${await response.text()}`);
  },
};

runChannelConformance('forms', () => formsChannel({ secretRef: 'forms-kit-secret', minFillMs: 0 }), driver);
