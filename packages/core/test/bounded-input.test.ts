import { describe, expect, it } from 'vitest';
import { InboxKitError, ValidationError, type InboundMessage } from '@inboxkit/core';
import { useAcme } from './setup.js';

/** The field paths of the `VALIDATION` error `promise` rejects with (fails on anything else). */
const issuePaths = async (promise: Promise<unknown>): Promise<string[]> => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(ValidationError.isInstance(error), String(error)).toBe(true);
  return (error as ValidationError).issues.map((i) => i.path);
};

const deep = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { next: value };
  return value;
};
const circular = () => {
  const value: Record<string, unknown> = { a: 1 };
  value.self = value;
  return value;
};
const hostile: Array<[string, unknown]> = [
  ['a function', () => 1],
  ['a BigInt', 10n],
  ['a symbol', Symbol('s')],
  ['a circular value', circular()],
  ['a 5000-deep value', deep(5000)],
  ['NaN', Number.NaN],
  ['a Date', new Date(0)],
  ['a Map', new Map([[1, 2]])],
];

describe('bounded input', () => {
  const t = useAcme();
  const inbound = (overrides: Record<string, unknown> = {}): InboundMessage =>
    ({ workspaceId: t.acme.acme.id, channelId: t.acme.supportChannel.id, externalId: 'b-1', from: { email: 'c@acme.test' }, text: 'hi', ...overrides }) as InboundMessage;

  it('limits every outside field of an inbound message, naming it', async () => {
    expect(await issuePaths(t.h.kit.ingest(inbound({ metadata: { blob: 'x'.repeat(70_000) } })))).toEqual(['metadata.blob']);
    expect(await issuePaths(t.h.kit.ingest(inbound({ metadata: deep(11) })))).toEqual(['metadata' + '.next'.repeat(10)]);
    expect(await issuePaths(t.h.kit.ingest(inbound({ to: Array.from({ length: 101 }, (_, i) => `a${i}@x.test`) })))).toEqual(['to']);
    expect(await issuePaths(t.h.kit.ingest(inbound({ to: ['x'.repeat(321)] })))).toEqual(['to[0]']);
    const many = Array.from({ length: 51 }, (_, i) => ({ filename: `f${i}.txt`, content: 'aGk=' }));
    expect(await issuePaths(t.h.kit.ingest(inbound({ attachments: many })))).toEqual(['attachments']);
    const big = [{ filename: 'a.bin', content: new Uint8Array(13 * 1024 * 1024) }, { filename: 'b.bin', content: new Uint8Array(13 * 1024 * 1024) }];
    expect(await issuePaths(t.h.kit.ingest(inbound({ attachments: big })))).toEqual(['attachments']);
    expect(await issuePaths(t.h.kit.ingest(inbound({ from: { email: 'c@acme.test', visitorId: 'v'.repeat(201) } })))).toEqual(['from.visitorId']);
    expect(await issuePaths(t.h.kit.ingest(inbound({ subject: 's'.repeat(1001) })))).toEqual(['subject']);
    expect((await t.h.kit.workspace(t.acme.acme.id).events.read()).items.some((e) => e.type === 'message.received')).toBe(false);
  });

  it.each(hostile)('refuses %s anywhere in free-form values as VALIDATION', async (_, value) => {
    const { ws, supportInbox } = t.acme;
    const paths = [
      await issuePaths(t.h.kit.ingest(inbound({ metadata: { value } }))),
      await issuePaths(ws.contacts.create({ email: 'p@acme.test', properties: { value } })),
      await issuePaths(ws.channels.connect({ inboxId: supportInbox.id, type: 'test', name: 'x', config: { value } })),
    ];
    for (const p of paths) expect(p[0]).toMatch(/^(metadata|properties|config)\.value/);
    expect((await ws.contacts.findByEmail('p@acme.test'))).toBeNull();
  });

  it('limits contact properties and visitor ids', async () => {
    const { ws } = t.acme;
    expect(await issuePaths(ws.contacts.create({ properties: deep(6) as Record<string, unknown> }))).toEqual(['properties' + '.next'.repeat(5)]);
    expect(await issuePaths(ws.contacts.create({ properties: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i])) }))).toEqual(['properties']);
    expect(await issuePaths(ws.contacts.create({ visitorIds: Array.from({ length: 51 }, (_, i) => `v${i}`) }))).toEqual(['visitorIds']);
  });

  it('rejects unknown keys in inputs and queries, naming them', async () => {
    const { ws, kari } = t.acme;
    expect(await issuePaths(ws.conversations.list({ assigne: kari.id } as never))).toEqual(['assigne']);
    expect(await issuePaths(ws.users.create({ name: 'X', email: 'x@acme.test', roles: 'admin' } as never))).toEqual(['roles']);
    expect(await issuePaths(ws.contacts.list({ serach: 'x' } as never))).toEqual(['serach']);
    expect(await issuePaths(ws.users.list({ cursor: null, limt: 5 } as never))).toEqual(['limt']);
    expect(await issuePaths(t.h.kit.ingest(inbound({ form: { email: 'x@y.z' } })))).toEqual(['form']);
  });

  it('accepts only http(s) URLs where they are shown', async () => {
    const { ws, kari } = t.acme;
    for (const url of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://files.acme.test/a', 'file:///etc/passwd']) {
      expect(await issuePaths(ws.users.update(kari.id, { avatarUrl: url, meetingLink: url }))).toEqual(['avatarUrl', 'meetingLink']);
    }
    expect((await ws.users.update(kari.id, { avatarUrl: 'https://cdn.acme.test/k.png' })).avatarUrl).toBe('https://cdn.acme.test/k.png');
  });

  it('turns unreadable input (a throwing getter) into VALIDATION', async () => {
    const trap = { name: 'X', get email(): string { throw new Error('boom'); } };
    const error = await t.acme.ws.users.create(trap).then(() => null, (e: unknown) => e);
    expect(InboxKitError.isInstance(error) && error.code).toBe('VALIDATION');
  });
});
