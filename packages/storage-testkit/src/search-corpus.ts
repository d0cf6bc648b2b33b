import type { Contact, Conversation, ConversationFilter, ConversationStatus, Message } from '@inboxkit/core';
import { seededRandom } from '@inboxkit/core/testing';
import { FIXTURE_TIME, fixtures } from './fixtures.js';

/** The size and shape of a search corpus. */
export interface SearchCorpusShape {
  /** Workspace every row belongs to. */
  workspaceId: string;
  /** Messages in all (conversations get `messagesPerConversation` each). */
  messages: number;
  /** Messages per conversation (default 10). */
  messagesPerConversation?: number;
  /** Words per message (default 12). */
  wordsPerMessage?: number;
  /** Distinct words the text is drawn from (default 20 000, what `corpusQueries` assume). */
  vocabulary?: number;
  /** Inboxes the conversations spread over, `inbox_0`… (default 20). */
  inboxes?: number;
}

/** One conversation of a corpus: its contact (new every 3rd conversation, else reused), the row and its messages. */
export interface CorpusConversation {
  contact: Contact | null;
  conversation: Conversation;
  messages: Message[];
}

// Syllables to spell distinct pseudo-words; two accented ones, so about one word in five needs
// folding, as in Norwegian or German text.
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'bæ', 'gu', 'da', 'pü', 'ze', 'fa', 'he', 'jo'];

/** The `rank`-th word of the vocabulary (0 is the most frequent). Deterministic. */
export function corpusWord(rank: number): string {
  let word = '';
  let n = rank + SYLLABLES.length; // at least two syllables
  do {
    word += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0);
  return word;
}

/** Draws word ranks with Zipf frequencies (rank r weighs 1/(r+1)), as words in real text do. */
function zipf(size: number, next: () => number): () => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let r = 0; r < size; r++) cumulative[r] = total += 1 / (r + 1);
  return () => {
    const target = next() * total;
    let [lo, hi] = [0, size - 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const STATUSES: ConversationStatus[] = ['open', 'closed', 'snoozed'];

/**
 * A deterministic corpus of conversations with Zipf-distributed words, for search benchmarks
 * of any store: insert each yielded contact, conversation and messages, in order.
 */
export function* searchCorpus(options: SearchCorpusShape): Generator<CorpusConversation, void, undefined> {
  const shape = { messagesPerConversation: 10, wordsPerMessage: 12, vocabulary: 20_000, inboxes: 20, ...options };
  const next = seededRandom(42);
  const word = zipf(shape.vocabulary, next);
  const text = (words: number) => Array.from({ length: words }, () => corpusWord(word())).join(' ');
  const conversations = Math.ceil(shape.messages / shape.messagesPerConversation);
  let contact: Contact | null = null;
  for (let i = 0; i < conversations; i++) {
    const fresh = i % 3 === 0 || contact === null;
    if (fresh) contact = fixtures.contact(shape.workspaceId, { name: text(2), email: `c${i}@corpus.example` });
    const status = STATUSES[i % 3]!;
    const conversation = fixtures.conversation(shape.workspaceId, {
      inboxId: `inbox_${i % shape.inboxes}`,
      contactId: contact!.id,
      subject: text(4),
      status,
      snoozedUntil: status === 'snoozed' ? FIXTURE_TIME + 1e9 : null,
      lastMessageAt: FIXTURE_TIME + i * 1000,
    });
    const messages = Array.from({ length: shape.messagesPerConversation }, (_, m) =>
      fixtures.message(conversation, { text: text(shape.wordsPerMessage), createdAt: FIXTURE_TIME + i * 1000 + m }),
    );
    yield { contact: fresh ? contact : null, conversation, messages };
  }
}

/** A query of a search benchmark: its name, text (for `parseSearchQuery`) and extra filter. */
export interface CorpusQuery {
  name: string;
  text: string;
  filter: ConversationFilter;
}

/**
 * What an inbox UI searches in a `searchCorpus` of vocabulary 20 000: words of every
 * frequency, two words, type-ahead, and an agent's four open inboxes. Spam is excluded as the
 * core does.
 */
export const corpusQueries: readonly CorpusQuery[] = [
  { name: 'rare word', text: `${corpusWord(15_000)} `, filter: { spam: false } },
  { name: 'mid-frequency word', text: `${corpusWord(500)} `, filter: { spam: false } },
  { name: 'frequent word', text: `${corpusWord(20)} `, filter: { spam: false } },
  { name: 'two words', text: `${corpusWord(30)} ${corpusWord(400)} `, filter: { spam: false } },
  { name: 'prefix (type-ahead)', text: corpusWord(300).slice(0, 4), filter: { spam: false } },
  {
    name: 'agent: 4 inboxes, open',
    text: `${corpusWord(500)} `,
    filter: { inboxIds: ['inbox_1', 'inbox_5', 'inbox_9', 'inbox_13'], statuses: ['open'], spam: false },
  },
];
