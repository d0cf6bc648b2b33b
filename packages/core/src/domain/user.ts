import { z } from 'zod';
import { httpUrlSchema, idSchema, timestampSchema } from './common.js';
import { workingHoursSchema } from './working-hours.js';

/** Whether an agent takes new work. */
export const availabilitySchema = z.enum(['available', 'away']);
/** Whether an agent takes new work. */
export type Availability = z.infer<typeof availabilitySchema>;

/** `admin` manages the workspace; `agent` works the inboxes they are a member of. */
export const userRoleSchema = z.enum(['admin', 'agent']);
/** A user's role in the workspace. */
export type UserRole = z.infer<typeof userRoleSchema>;

/** Max open conversations: `default` for every inbox, `inboxes` per inbox id; `null` = unlimited. */
export const capacitySchema = z.strictObject({
  default: z.number().int().positive().nullable().default(null),
  inboxes: z.record(z.string(), z.number().int().positive()).default({}),
});
/** Max open conversations per inbox. */
export type Capacity = z.infer<typeof capacitySchema>;

/** An agent of the workspace. */
export const userSchema = z.strictObject({
  id: idSchema,
  workspaceId: idSchema,
  name: z.string().min(1).max(200),
  email: z.string(),
  avatarUrl: z.string().nullable(),
  meetingLink: z.string().nullable(),
  role: userRoleSchema,
  availability: availabilitySchema,
  workingHours: workingHoursSchema.nullable(),
  capacity: capacitySchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
/** An agent of the workspace. */
export type User = z.infer<typeof userSchema>;

const userFields = {
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  avatarUrl: httpUrlSchema.nullish(),
  meetingLink: httpUrlSchema.nullish(),
  role: userRoleSchema,
  availability: availabilitySchema,
  workingHours: workingHoursSchema.nullish(),
  capacity: z.strictObject({ default: capacitySchema.shape.default.unwrap(), inboxes: capacitySchema.shape.inboxes.unwrap() }).partial(),
};

/** Input of `users.create`. */
export const createUserInput = z.strictObject({
  ...userFields,
  role: userFields.role.default('agent'),
  availability: userFields.availability.default('available'),
  capacity: userFields.capacity.optional(),
});
/** Input of `users.create`. */
export type CreateUserInput = z.input<typeof createUserInput>;

/** Patch of `users.update`. */
export const updateUserInput = z.strictObject(userFields).partial();
/** Patch of `users.update`. */
export type UpdateUserInput = z.input<typeof updateUserInput>;
