import { z } from 'zod';
import { idSchema, timestampSchema, uniqueIdsSchema } from './common.js';

/** A group of users; teams form a hierarchy through `parentTeamId`. */
export const teamSchema = z.strictObject({
  id: idSchema,
  workspaceId: idSchema,
  name: z.string().min(1).max(200),
  memberIds: z.array(idSchema),
  parentTeamId: idSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
/** A group of users. */
export type Team = z.infer<typeof teamSchema>;

const teamFields = {
  name: z.string().trim().min(1).max(200),
  memberIds: uniqueIdsSchema,
  parentTeamId: idSchema.nullish(),
};

/** Input of `teams.create`. */
export const createTeamInput = z.strictObject({ ...teamFields, memberIds: teamFields.memberIds.default([]) });
/** Input of `teams.create`. */
export type CreateTeamInput = z.input<typeof createTeamInput>;

/** Patch of `teams.update`. */
export const updateTeamInput = z.strictObject(teamFields).partial();
/** Patch of `teams.update`. */
export type UpdateTeamInput = z.input<typeof updateTeamInput>;
