import type { TagKey } from './library.js';
import type { DemoOrg } from './org.js';

/** Who acts in a script step: the contact, or an agent by first name. */
export type AgentKey = keyof DemoOrg['users'];

/** One step of a seeded conversation, `at` minutes after it started. */
export type ScriptStep =
  | { at: number; contact: string }
  | { at: number; reply: AgentKey; text: string }
  | { at: number; comment: AgentKey; text: string }
  | { at: number; assign: AgentKey }
  | { at: number; close: AgentKey }
  /** Bot answers of a help-bot chat (the visitor's messages to the bot, in order). */
  | { at: number; bot: string[] };

/** A seeded conversation: how it arrived, when (days ago, hour of day) and what happened. */
export interface ConversationScript {
  via: 'email' | 'chat' | 'form';
  inbox: 'sales' | 'support';
  from: { email?: string; name?: string };
  /** Email subject, or the form's values. */
  subject?: string;
  form?: 'contact' | 'quote';
  formValues?: Record<string, string>;
  chatflow?: 'pricing' | 'helpBot' | 'support';
  daysAgo: number;
  hour: number;
  /** Tags an agent put on it. */
  tags?: TagKey[];
  steps: ScriptStep[];
}

/** `@{name}` in comment texts becomes a core mention (`@[userId]`). */
export const MENTION = /@\{(\w+)\}/g;

/** What the demo workspace has seen over the last two weeks. */
export const SCRIPTS: ConversationScript[] = [
  {
    via: 'email', inbox: 'support', from: { email: 'nora@fjordtech.no', name: 'Nora Lie' }, subject: 'Invoice shows the wrong VAT', daysAgo: 13, hour: 9, tags: ['billing', 'vip'],
    steps: [
      { at: 0, contact: 'Hi, our March invoice has 15% VAT instead of 25%. Can you send a corrected one?' },
      { at: 20, assign: 'ola' },
      { at: 25, reply: 'ola', text: 'Sorry about that, Nora! I have asked billing for a corrected invoice.' },
      { at: 70, contact: 'Great, thanks. Will it have the same invoice number?' },
      { at: 95, reply: 'ola', text: 'It gets a new number and the old one is credited. You will have it today.' },
      { at: 130, close: 'ola' },
    ],
  },
  {
    via: 'chat', inbox: 'support', chatflow: 'support', from: { email: 'erik@nordlys.no', name: 'Erik Dahl' }, daysAgo: 12, hour: 14,
    steps: [
      { at: 0, contact: 'Can I export all my projects to CSV?' },
      { at: 3, reply: 'kari', text: 'Yes: Settings → Export → CSV. It includes every project.' },
      { at: 5, contact: 'Found it, thanks!' },
      { at: 10, close: 'kari' },
    ],
  },
  {
    via: 'form', inbox: 'sales', form: 'quote', from: { email: 'silje@nordlys.no', name: 'Silje Haug' }, daysAgo: 11, hour: 10,
    formValues: { seats: '25', message: 'We would like a quote for 25 seats with single sign-on.' },
    steps: [
      { at: 35, reply: 'lars', text: 'Hi Silje, 25 seats on Pro with SSO is NOK 9 000 a month. I have sent the quote as a PDF.' },
      { at: 60 * 26, close: 'lars' },
    ],
  },
  {
    via: 'form', inbox: 'support', form: 'contact', from: { email: 'hanne@bergenbakeri.no', name: 'Hanne Moe' }, daysAgo: 10, hour: 8,
    formValues: { message: 'The app logs me out every hour, on every device.' }, tags: ['bug'],
    steps: [
      { at: 20, comment: 'ola', text: '@{ingrid} can you look at the session settings for Bergen Bakeri?' },
      { at: 21, assign: 'ingrid' },
      { at: 140, reply: 'ingrid', text: 'Hi Hanne, your workspace had a one-hour session limit set. I have raised it to 30 days.' },
    ],
  },
  {
    via: 'chat', inbox: 'support', chatflow: 'helpBot', from: {}, daysAgo: 9, hour: 11,
    steps: [
      { at: 0, contact: 'I was charged twice' },
      { at: 1, bot: ['ida@example.com', 'Billing'] },
      { at: 15, reply: 'ingrid', text: 'Hi Ida, I can see the double charge. The second one is refunded now.' },
      { at: 60 * 24, close: 'ingrid' },
    ],
  },
  {
    via: 'chat', inbox: 'support', chatflow: 'helpBot', from: {}, daysAgo: 8, hour: 15,
    steps: [{ at: 0, contact: 'Hello?' }, { at: 1, bot: ['tor@example.com'] }],
  },
  {
    via: 'email', inbox: 'sales', from: { email: 'per@bergenbakeri.no', name: 'Per Aas' }, subject: 'Packaging options for wholesale', daysAgo: 7, hour: 13, tags: ['wholesale'],
    steps: [
      { at: 0, contact: 'We want to resell your product in our shops. What packaging options do you have for wholesale?' },
      { at: 60, assign: 'lars' },
      { at: 180, reply: 'lars', text: 'Hi Per! We ship in boxes of 10 and 50, both recyclable. Price list attached in the next mail.' },
      { at: 185, comment: 'lars', text: '@{kari} can we offer them the 10% wholesale discount?' },
      { at: 300, comment: 'kari', text: 'Yes, go ahead @{lars}.' },
    ],
  },
  {
    via: 'chat', inbox: 'support', chatflow: 'helpBot', from: {}, daysAgo: 6, hour: 9,
    steps: [{ at: 0, contact: 'help' }, { at: 1, bot: ['not an email'] }],
  },
  {
    via: 'email', inbox: 'support', from: { email: 'jonas@fjordtech.no', name: 'Jonas Strand' }, subject: 'API rate limit for our integration', daysAgo: 5, hour: 10, tags: ['bug', 'vip'],
    steps: [
      { at: 0, contact: 'Our nightly sync hits HTTP 429 after 1000 requests. Can the limit be raised?' },
      { at: 30, assign: 'ingrid' },
      { at: 240, reply: 'ingrid', text: 'Hi Jonas, the limit is per minute. Batching 100 items per request keeps you well under it.' },
      { at: 300, contact: 'Batching is not possible for one of the endpoints. Any other option?' },
      { at: 310, comment: 'kari', text: '@{ingrid} Fjordtech is up for renewal, let us help them quickly.' },
      { at: 330, reply: 'ingrid', text: 'I have raised your workspace limit to 5000 per minute for now.' },
    ],
  },
  {
    via: 'email', inbox: 'support', from: { email: 'ole@example.com', name: 'Ole Brun' }, subject: 'Change of billing address', daysAgo: 4, hour: 12,
    steps: [
      { at: 0, contact: 'Please change our billing address to Storgata 1, 0155 Oslo.' },
      { at: 50, assign: 'ola' },
      { at: 55, reply: 'ola', text: 'Done, Ole. The next invoice goes to Storgata 1.' },
      { at: 60, close: 'ola' },
    ],
  },
  {
    via: 'email', inbox: 'support', from: { email: 'deals@promo-blast.example', name: 'Promo Blast' }, subject: 'Boost your SEO by 500%!!!', daysAgo: 3, hour: 6,
    steps: [{ at: 0, contact: 'Limited offer: we put your site on page one of every search engine.' }],
  },
  {
    via: 'form', inbox: 'sales', form: 'quote', from: { email: 'anders@fjordtech.no', name: 'Anders Vik' }, daysAgo: 2, hour: 9,
    formValues: { seats: '200', message: 'Enterprise quote for 200 seats, with an on-premise option?' }, tags: ['vip'],
    steps: [{ at: 90, comment: 'lars', text: 'Big one. @{kari} do we do on-premise for 200 seats?' }],
  },
  {
    via: 'email', inbox: 'support', from: { email: 'maria@example.net', name: 'Maria Sæther' }, subject: 'Password reset mail never arrives', daysAgo: 1, hour: 16, tags: ['bug'],
    steps: [{ at: 0, contact: 'I have tried three times, no reset email. Not in spam either.' }],
  },
  {
    via: 'email', inbox: 'sales', from: { email: 'lise@example.org', name: 'Lise Hagen' }, subject: 'Do you ship outside Norway?', daysAgo: 0, hour: 7,
    steps: [{ at: 0, contact: 'We are in Gothenburg. Can you deliver to Sweden, and what does shipping cost?' }],
  },
  {
    via: 'chat', inbox: 'support', chatflow: 'pricing', from: {}, daysAgo: 0, hour: 8,
    steps: [{ at: 0, contact: 'Hi, does the Pro plan include phone support?' }],
  },
];
