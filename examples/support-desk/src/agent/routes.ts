import type { Route } from './context.js';
import { liveRoutes } from './live.js';
import { presenceRoutes } from './presence.js';
import { analyticsRoutes } from './pages/analytics.js';
import { chatflowRoutes } from './pages/chatflows.js';
import { contactCreateRoutes } from './pages/contact-create.js';
import { conversationActionRoutes } from './pages/conversation-actions.js';
import { conversationRoutes } from './pages/conversation.js';
import { inboxRoutes } from './pages/inbox-list.js';
import { meRoutes } from './pages/me.js';
import { searchRoutes } from './pages/search.js';
import { signInRoutes } from './pages/sign-in.js';

/** Every route of the agent UI, one module per page. */
export const routes: Route[] = [
  ...signInRoutes,
  ...inboxRoutes,
  ...conversationRoutes,
  ...conversationActionRoutes,
  ...contactCreateRoutes,
  ...searchRoutes,
  ...analyticsRoutes,
  ...chatflowRoutes,
  ...meRoutes,
  ...presenceRoutes,
  ...liveRoutes,
];
