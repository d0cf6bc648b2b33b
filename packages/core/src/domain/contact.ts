import { z } from 'zod';
import { idSchema, pageQuerySchema, propertiesSchema, timestampSchema } from './common.js';

/** A customer who writes in. Found or created on every inbound message. */
export const contactSchema = z.strictObject({
  id: idSchema,
  workspaceId: idSchema,
  /** Normalized (lower-case) email; unique within the workspace. */
  email: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  visitorIds: z.array(z.string()),
  properties: propertiesSchema,
  ownerId: idSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
/** A customer. */
export type Contact = z.infer<typeof contactSchema>;

const contactFields = {
  email: z.email().max(320).nullish(),
  name: z.string().trim().max(200).nullish(),
  phone: z.string().trim().max(50).nullish(),
  visitorIds: z.array(z.string().min(1).max(200)).max(50),
  properties: propertiesSchema,
  ownerId: idSchema.nullish(),
};

/** Input of `contacts.create`. */
export const createContactInput = z.strictObject({
  ...contactFields,
  visitorIds: contactFields.visitorIds.default([]),
  properties: contactFields.properties.default({}),
});
/** Input of `contacts.create`. */
export type CreateContactInput = z.input<typeof createContactInput>;

/** Patch of `contacts.update`; `properties` are merged key by key (`null` deletes a key). */
export const updateContactInput = z.strictObject(contactFields).partial();
/** Patch of `contacts.update`. */
export type UpdateContactInput = z.input<typeof updateContactInput>;

/** Query of `contacts.list`: `search` matches name or email (substring, case-insensitive). */
export const listContactsQuery = pageQuerySchema.extend({ search: z.string().max(200).optional() });
/** Query of `contacts.list`. */
export type ListContactsQuery = z.input<typeof listContactsQuery>;
