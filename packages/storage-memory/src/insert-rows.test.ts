import { ConflictError, type Storage, type StorageOperations } from '@inboxkit/core';
import { describe, expect, it } from 'vitest';
import { contact, conversation, message } from '../test/fixtures.js';
import { memoryStorage } from './memory-storage.js';

/** Two conversations with their contacts and first messages, every row searchable by a word of its own. */
function batch() {
  const contacts = [1, 2].map((n) => contact({ id: `ct_${n}`, email: `zebra${n}@example.com`, name: `Quokka ${n}` }));
  const conversations = [1, 2].map((n) => conversation({ id: `conv_${n}`, contactId: `ct_${n}`, subject: `Walrus ${n}`, lastMessageAt: n }));
  const messages = [1, 2].map((n) => message({ id: `msg_${n}`, conversationId: `conv_${n}`, externalId: `<${n}@x>`, text: `Narwhal ${n}` }));
  return { contacts, conversations, messages };
}

async function insertBatch(ops: StorageOperations, rows = batch()): Promise<void> {
  await ops.contacts.insertMany!(rows.contacts);
  await ops.conversations.insertMany!(rows.conversations);
  await ops.timeline.insertMany!(rows.messages);
}

/** What every index and the search hold of the batch's rows. */
async function traces(storage: Storage) {
  const found = async (term: string) => (await storage.search!.conversations('ws_1', { match: { terms: [term], prefix: null }, limit: 10 })).items.length;
  const listed = async (filter: object) => (await storage.conversations.list('ws_1', { ...filter, limit: 10 })).items.length;
  return {
    search: [await found('walrus'), await found('narwhal'), await found('quokka'), await found('zebra1')],
    prefix: (await storage.search!.conversations('ws_1', { match: { terms: [], prefix: 'walr' }, limit: 10 })).items.length,
    lists: [await listed({}), await listed({ contactId: 'ct_1' }), await listed({ inboxId: 'inb_1' }), await listed({ statuses: ['open'] })],
    count: await storage.conversations.count('ws_1', { statuses: ['open'] }),
    contacts: (await storage.contacts.list('ws_1', { limit: 10 })).items.length,
    byEmail: await storage.contacts.findByEmail('ws_1', 'zebra2@example.com'),
    timeline: (await storage.timeline.list('ws_1', 'conv_1', { limit: 10 })).items.length,
    byExternalId: await storage.timeline.findByExternalId('ws_1', 'ch_1', '<2@x>'),
  };
}

const NONE = { search: [0, 0, 0, 0], prefix: 0, lists: [0, 0, 0, 0], count: 0, contacts: 0, byEmail: null, timeline: 0, byExternalId: null };

describe('insertMany', () => {
  it('rolled back, leaves no row in any index or in the search, and the same rows go in again', async () => {
    const storage = memoryStorage();
    const failure = new Error('roll back');
    const outcome = storage.transaction(async (tx) => {
      await insertBatch(tx);
      throw failure;
    });
    await expect(outcome).rejects.toBe(failure);
    expect(await traces(storage)).toEqual(NONE);

    await insertBatch(storage);
    expect(await traces(storage)).toMatchObject({ search: [2, 2, 2, 1], prefix: 2, lists: [2, 1, 2, 2], count: 2, contacts: 2, timeline: 1 });
  });

  it('refused part way (an id twice in the batch), takes out the rows before the refused one too', async () => {
    const storage = memoryStorage();
    const rows = batch();
    await storage.contacts.insertMany!(rows.contacts);
    await expect(storage.conversations.insertMany!([rows.conversations[0]!, rows.conversations[0]!])).rejects.toThrow(ConflictError);
    await expect(storage.timeline.insertMany!([rows.messages[0]!, { ...rows.messages[1]!, id: 'msg_1' }])).rejects.toThrow(ConflictError);
    expect(await traces(storage)).toMatchObject({ search: [0, 0, 0, 0], prefix: 0, lists: [0, 0, 0, 0], count: 0, timeline: 0, byExternalId: null });
  });
});
