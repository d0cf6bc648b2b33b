import { normalizeEmail } from '../domain/common.js';
import { toSafeValue } from '../domain/safe-text.js';
import { parseInput } from '../errors/parse.js';
import type { Scope } from '../kit/scope.js';
import { chatflowAvailability, type ChatflowAvailability } from './availability.js';
import { matchChatflowInput, type Chatflow, type MatchChatflowInput, type Trigger } from './chatflow.js';
import { requireChatChannel } from './references.js';
import { compiledChatflows, versionKey } from './rules-cache.js';
import { matchChatflows, type MatchExplanation } from './targeting/match.js';
import type { ContactFacts } from './targeting/visitor.js';

/** Who the widget presents, resolved for display; `null` when the chatflow names nobody or they were deleted. */
export type ChatflowProfile =
  | { type: 'user'; userId: string; name: string; avatarUrl: string | null; meetingLink: string | null }
  | { type: 'team'; teamId: string; name: string };

/** The result of `chatflows.match`. */
export interface ChatflowMatch {
  /** The chatflow that shows on the page, or `null`. */
  chatflow: Chatflow | null;
  /** Behaviour triggers the widget runs before opening it (empty: on load, or no chatflow). */
  triggers: Trigger[];
  /** Whether it is inside office hours now (by the kit's clock) and what to show when not; `null` without a chatflow. */
  availability: ChatflowAvailability | null;
  /** Who the widget presents. */
  profile: ChatflowProfile | null;
  /** Which chatflow won, which group decided, and why each higher-priority chatflow did not match. */
  explanation: MatchExplanation;
}

type MatchVisitor = NonNullable<ReturnType<typeof matchChatflowInput.parse>['visitor']>;

/** The visitor's contact: as given, else by visitor id, else by (verified) email; `null` when unknown. */
async function resolveContact(scope: Scope, visitor: MatchVisitor): Promise<ContactFacts | null> {
  if (visitor.contact !== undefined) return visitor.contact;
  const { contacts } = scope.storage;
  const byVisitor = visitor.visitorId ? await contacts.findByVisitorId(scope.workspaceId, visitor.visitorId) : null;
  if (byVisitor || !visitor.email) return byVisitor;
  return contacts.findByEmail(scope.workspaceId, normalizeEmail(visitor.email));
}

async function resolveProfile(scope: Scope, chatflow: Chatflow): Promise<ChatflowProfile | null> {
  const { profile } = chatflow;
  if (!profile) return null;
  const { records } = scope.storage;
  if ('userId' in profile) {
    const user = await records.get(scope.workspaceId, 'user', profile.userId);
    return user && { type: 'user', userId: user.id, name: user.name, avatarUrl: user.avatarUrl, meetingLink: user.meetingLink };
  }
  const team = await records.get(scope.workspaceId, 'team', profile.teamId);
  return team && { type: 'team', teamId: team.id, name: team.name };
}

/**
 * `chatflows.match`: compiled rules come from the per-kit cache (one version read per call);
 * the contact is looked up only when some chatflow of the channel targets contacts.
 */
export async function matchChatflow(scope: Scope, input: MatchChatflowInput): Promise<ChatflowMatch> {
  // Visitor data comes from any browser and is only matched, never stored: odd text is
  // replaced rather than refused, so matching never throws on it.
  const { channelId, url, visitor = {} } = parseInput(matchChatflowInput, toSafeValue(input), 'chatflow match');
  const { workspaceId, storage, runtime } = scope;
  const [version, channel] = await Promise.all([
    storage.state.get<string>(workspaceId, versionKey(channelId)),
    requireChatChannel(storage, workspaceId, channelId),
  ]);
  await scope.access.requireInbox(channel.inboxId, 'channel', channelId);
  const compiled = await compiledChatflows(runtime, storage, workspaceId, channelId, version);
  const contact = compiled.needsContact ? await resolveContact(scope, visitor) : null;
  const { chatflow: cached, explanation } = matchChatflows(compiled, { url, visitor: { ...visitor, contact } });
  if (!cached) return { chatflow: null, triggers: [], availability: null, profile: null, explanation };
  const chatflow = structuredClone(cached); // the cached record is shared by later calls: never hand it out
  return {
    chatflow,
    triggers: chatflow.triggers,
    availability: chatflowAvailability(chatflow.availability, runtime.clock.now()),
    profile: await resolveProfile(scope, chatflow),
    explanation,
  };
}
