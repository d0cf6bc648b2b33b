import { z } from 'zod';
import { idSchema, timestampSchema } from './common.js';

/** A tenant of the host app. Every other entity belongs to exactly one workspace. */
export const workspaceSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1).max(200),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
/** A tenant of the host app. */
export type Workspace = z.infer<typeof workspaceSchema>;

/** Input of `kit.workspaces.create`. */
export const createWorkspaceInput = z.strictObject({ name: z.string().trim().min(1).max(200) });
/** Input of `kit.workspaces.create`. */
export type CreateWorkspaceInput = z.input<typeof createWorkspaceInput>;
