import type { CreateUserInput, Form, Inbox, User, WorkspaceApi } from '@inboxkit/core';
import { seedLibrary, type DemoTags } from './library.js';

/**
 * The organisation of the help article the product started from ("Oversikt over innboksen for
 * samtaler"): a Sales inbox for pricing and packaging questions and a Support inbox for incoming
 * requests; a Support team with a Tier 2 sub-team; a chat channel with chatflows for the
 * website; contact forms; tags and snippets; and fallback addresses, because no team email is
 * connected.
 */
export interface DemoOrg {
  /** The workspace's agents, by first name. */
  users: { kari: User; ola: User; ingrid: User; lars: User; sofie: User };
  /** Team ids. */
  teams: { support: string; tier2: string; sales: string };
  /** The two inboxes. */
  inboxes: { sales: Inbox; support: Inbox };
  /** The website chat channel (Support inbox). */
  chatChannelId: string;
  /** Chatflow ids. */
  chatflows: { pricing: string; helpBot: string; support: string };
  /** The demo site's forms. */
  forms: { contact: Form; quote: Form };
  /** Tag ids. */
  tags: DemoTags;
}

/** The agents, by first name: the seed creates them, a restart finds them by email. */
export const AGENTS = {
  kari: { name: 'Kari Nordmann', email: 'kari@acme.example', role: 'admin', meetingLink: 'https://meet.example.com/kari' },
  ola: { name: 'Ola Hansen', email: 'ola@acme.example' },
  ingrid: { name: 'Ingrid Berg', email: 'ingrid@acme.example' },
  lars: { name: 'Lars Johansen', email: 'lars@acme.example', meetingLink: 'https://meet.example.com/lars' },
  sofie: { name: 'Sofie Lien', email: 'sofie@acme.example', availability: 'away' },
} satisfies Record<string, CreateUserInput>;

/** Creates the organisation. `siteOrigins` are the demo site's origins (the chat channel's allowlist). */
export async function seedOrg(ws: WorkspaceApi, siteOrigins: string[]): Promise<DemoOrg> {
  const kari = await ws.users.create(AGENTS.kari);
  const ola = await ws.users.create(AGENTS.ola);
  const ingrid = await ws.users.create(AGENTS.ingrid);
  const lars = await ws.users.create(AGENTS.lars);
  const sofie = await ws.users.create(AGENTS.sofie);

  const support = await ws.teams.create({ name: 'Support', memberIds: [kari.id, ola.id] });
  const tier2 = await ws.teams.create({ name: 'Tier 2', memberIds: [ingrid.id], parentTeamId: support.id });
  const salesTeam = await ws.teams.create({ name: 'Sales', memberIds: [lars.id, sofie.id] });

  const sales = await ws.inboxes.create({ name: 'Sales', members: { users: [kari.id], teams: [salesTeam.id] } });
  const supportInbox = await ws.inboxes.create({ name: 'Support', members: { teams: [support.id] } });

  const chat = await ws.channels.connect({ inboxId: supportInbox.id, type: 'chat', name: 'Website chat', config: { allowedOrigins: siteOrigins } });
  await ws.routing.set(chat.id, { targets: { teams: [support.id] }, strategy: 'round-robin', onlyAvailable: true });

  const pricing = await ws.chatflows.create({
    channelId: chat.id,
    name: 'Pricing questions',
    type: 'live-chat',
    priority: 20,
    targeting: { include: [[{ on: 'url', op: 'contains', value: '/pricing' }]] },
    welcomeMessage: 'Questions about plans or packaging? Ask Kari.',
    profile: { userId: kari.id },
  });
  const helpBot = await ws.chatflows.create({
    channelId: chat.id,
    name: 'Help center bot',
    type: 'bot',
    priority: 10,
    targeting: { include: [[{ on: 'url', op: 'startsWith', value: '/help' }]] },
    welcomeMessage: 'Hi! I can get you to the right person.',
    bot: {
      steps: [
        { id: 'email', type: 'question', text: 'What is your email?', validation: { type: 'email', message: 'That does not look like an email address.' }, setContactProperty: 'email', next: 'topic' },
        { id: 'topic', type: 'question', text: 'What is it about?', validation: { type: 'options', options: [{ label: 'Billing' }, { label: 'A bug' }, { label: 'Something else' }] }, next: 'handoff' },
        { id: 'handoff', type: 'handoff', text: 'Thanks! Tier 2 will take it from here.', to: { teamId: tier2.id } },
      ],
    },
  });
  const supportFlow = await ws.chatflows.create({
    channelId: chat.id,
    name: 'Support chat',
    type: 'live-chat',
    targeting: { include: [], exclude: [[{ on: 'url', op: 'contains', value: '/checkout' }]] },
    welcomeMessage: 'Hi! How can we help?',
    profile: { teamId: support.id },
  });

  const contact = await ws.forms.create({
    inboxId: supportInbox.id,
    name: 'Contact support',
    fields: [
      { name: 'email', label: 'Email', type: 'email', required: true },
      { name: 'name', label: 'Name', type: 'text' },
      { name: 'message', label: 'Message', type: 'textarea', required: true, maxLength: 5000 },
    ],
  });
  const quote = await ws.forms.create({
    inboxId: sales.id,
    name: 'Request a quote',
    fields: [
      { name: 'email', label: 'Work email', type: 'email', required: true },
      { name: 'name', label: 'Name', type: 'text' },
      { name: 'seats', label: 'Seats', type: 'number', contactProperty: 'seats' },
      { name: 'message', label: 'What do you need?', type: 'textarea', required: true, maxLength: 5000 },
    ],
  });
  await ws.routing.set(quote.channelId, { targets: { teams: [salesTeam.id] }, strategy: 'round-robin', onlyAvailable: true });
  await ws.filters.create({ inboxId: supportInbox.id, domains: ['promo-blast.example'], action: 'spam' });
  const tags = await seedLibrary(ws, { sales: sales.id, support: supportInbox.id });

  return {
    users: { kari, ola, ingrid, lars, sofie },
    teams: { support: support.id, tier2: tier2.id, sales: salesTeam.id },
    inboxes: { sales, support: supportInbox },
    chatChannelId: chat.id,
    chatflows: { pricing: pricing.id, helpBot: helpBot.id, support: supportFlow.id },
    forms: { contact, quote },
    tags,
  };
}
