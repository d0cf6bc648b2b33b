import type { EmailChannel } from '@inboxkit/adapter-email';
import type { InboxKit, WorkspaceApi } from '@inboxkit/core';
import type { DemoClock } from '../demo-clock.js';
import type { DemoOrg } from './org.js';
import { MENTION, SCRIPTS, type AgentKey, type ConversationScript } from './scripts.js';

/** What the history seed needs: the kit, its pinnable clock and the email adapter (seeded mail goes through raw intake). */
export interface HistoryDeps {
  kit: InboxKit;
  ws: WorkspaceApi;
  clock: DemoClock;
  email: EmailChannel;
  org: DemoOrg;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** RFC 2047 for header words outside ASCII (`Maria Sæther`). */
const headerWord = (text: string) => (/^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`);

function rawMail(script: ConversationScript, to: string, messageId: string, text: string, at: number, references: string[]): string {
  const from = script.from.name ? `${headerWord(script.from.name)} <${script.from.email}>` : script.from.email;
  const headers = [`From: ${from}`, `To: ${to}`, `Subject: ${headerWord(script.subject ?? '')}`, `Message-ID: <${messageId}>`, `Date: ${new Date(at).toUTCString()}`];
  if (references.length) headers.push(`In-Reply-To: ${references.at(-1)}`, `References: ${references.join(' ')}`);
  headers.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit');
  return `${headers.join('\r\n')}\r\n\r\n${text}\r\n`;
}

/** Runs one script; returns nothing: everything it does is stored through the public API. */
async function play(deps: HistoryDeps, script: ConversationScript, n: number, startedAt: number): Promise<void> {
  const { kit, ws, clock, email, org } = deps;
  const inbox = org.inboxes[script.inbox];
  const visitorId = `v_seed${String(n).padStart(4, '0')}`;
  const references: string[] = [];
  let conversationId: string | null = null;
  let contactMessages = 0;

  async function contactWrites(text: string) {
    const at = clock.now();
    const externalId = `seed-${n}-${contactMessages++}`;
    if (script.via === 'email') {
      const messageId = `${externalId}@${script.from.email!.split('@')[1]}`;
      const result = await email.ingestRaw(rawMail(script, inbox.fallbackAddress, messageId, text, at, references), { recipient: inbox.fallbackAddress });
      references.push(`<${messageId}>`);
      return result.status === 'accepted' ? result.conversation.id : null;
    }
    const form = script.form ? org.forms[script.form] : null;
    const channelId = form ? form.channelId : org.chatChannelId;
    const body = form ? Object.entries({ name: script.from.name, email: script.from.email, ...script.formValues }).map(([k, v]) => `${k[0]!.toUpperCase()}${k.slice(1)}: ${v}`).join('\n') : text;
    const result = await kit.ingest({
      workspaceId: ws.id,
      channelId,
      externalId,
      conversationId,
      from: { ...script.from, ...(script.via === 'chat' ? { visitorId } : {}) },
      subject: form ? form.name : null,
      text: body,
      origin: form ? { kind: 'form', id: form.id } : { kind: 'chatflow', id: org.chatflows[script.chatflow ?? 'support'] },
    });
    return result.status === 'accepted' ? result.conversation.id : null;
  }

  const user = (key: AgentKey) => org.users[key].id;
  if (script.form) {
    clock.pin(startedAt);
    conversationId = await contactWrites(script.formValues?.message ?? '');
  }
  for (const step of script.steps) {
    const at = startedAt + step.at * MINUTE;
    clock.pin(at);
    if ('contact' in step) conversationId = (await contactWrites(step.contact)) ?? conversationId;
    if (!conversationId) return; // filtered: nothing more to play
    if ('reply' in step) await ws.asUser(user(step.reply)).conversations.reply(conversationId, { authorId: user(step.reply), text: step.text });
    if ('comment' in step) {
      const text = step.text.replace(MENTION, (_, name: AgentKey) => `@[${user(name)}]`);
      await ws.asUser(user(step.comment)).conversations.comment(conversationId, { authorId: user(step.comment), text });
    }
    if ('assign' in step) await ws.conversations.assign(conversationId, { userId: user(step.assign), by: user('kari') });
    if ('close' in step) await ws.asUser(user(step.close)).conversations.close(conversationId, { by: user(step.close) });
    if ('bot' in step) {
      await ws.bots.start({ conversationId, chatflowId: org.chatflows.helpBot });
      for (const [i, text] of step.bot.entries()) {
        clock.pin(at + (i + 1) * MINUTE);
        // The visitor's answer is a message in the conversation and the bot's input, as the chat adapter does it.
        await contactWrites(text);
        await ws.bots.input({ conversationId, inputId: `seed-${n}-bot-${i}`, text });
      }
    }
  }
  if (conversationId && script.tags) await ws.conversations.tag(conversationId, { tagIds: script.tags.map((t) => org.tags[t]), by: user('kari') });
}

/** Plays every script at its place in the last two weeks, then returns the clock to real time. */
export async function seedHistory(deps: HistoryDeps): Promise<void> {
  const now = deps.clock.now();
  const today = now - (now % DAY);
  try {
    for (const [n, script] of SCRIPTS.entries()) {
      // Today's conversations start a little before now, whatever the hour.
      const startedAt = script.daysAgo === 0 ? now - (3 - (n % 3)) * 40 * MINUTE : today - script.daysAgo * DAY + script.hour * 60 * MINUTE;
      await play(deps, script, n, startedAt);
    }
    await deps.kit.idle();
  } finally {
    deps.clock.pin(null);
  }
}
