import type { ChannelContext, ChatflowMatch } from '@inboxkit/core';
import { z } from 'zod';
import type { ActiveChatChannel } from './channel-lookup.js';
import { verifyIdentityToken } from './identity.js';

/** Body of `POST /chat/match`. */
export const matchBody = z.strictObject({
  url: z.string().max(2000),
  visitorId: z.string().regex(/^[\w-]{16,100}$/).optional(),
  identityToken: z.string().min(1).max(4096).optional(),
});

/** What the widget gets: only what it shows (the explanation and targeting rules stay on the server). */
export interface WidgetMatch {
  chatflow: { id: string; type: 'live-chat' | 'bot'; welcomeMessage: string | null } | null;
  triggers: ChatflowMatch['triggers'];
  availability: ChatflowMatch['availability'];
  profile: ChatflowMatch['profile'];
}

/** Matches the page for one visitor; only a verified identity's email is used to find the contact. */
export async function matchForWidget(
  context: ChannelContext,
  target: ActiveChatChannel,
  body: z.output<typeof matchBody>,
  request: Request,
): Promise<WidgetMatch> {
  const { channel, config } = target;
  let email: string | undefined;
  if (body.identityToken && config.identitySecretRef) {
    const verified = verifyIdentityToken(body.identityToken, await context.resolveSecret(config.identitySecretRef), context.clock.now());
    if ('identity' in verified) email = verified.identity.email;
  }
  if (config.requireVerifiedIdentity && !email) return { chatflow: null, triggers: [], availability: null, profile: null };
  const language = request.headers.get('accept-language') ?? undefined;
  const userAgent = request.headers.get('user-agent') ?? undefined;
  const match = await context.workspace(channel.workspaceId).chatflows.match({
    channelId: channel.id,
    url: body.url,
    visitor: { visitorId: body.visitorId, email, language, userAgent },
  });
  const { chatflow } = match;
  return {
    chatflow: chatflow && { id: chatflow.id, type: chatflow.type, welcomeMessage: chatflow.welcomeMessage },
    triggers: match.triggers,
    availability: match.availability,
    profile: match.profile,
  };
}
