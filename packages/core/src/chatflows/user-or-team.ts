import { z } from 'zod';
import { idSchema } from '../domain/common.js';

/** A user or a team: who a chatflow presents as, or where a bot hands a conversation off. */
export const userOrTeamSchema = z.union([z.object({ userId: idSchema }).strict(), z.object({ teamId: idSchema }).strict()], {
  error: 'expected { userId } or { teamId }',
});
/** A user or a team. */
export type UserOrTeam = z.infer<typeof userOrTeamSchema>;
