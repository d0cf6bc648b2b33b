/** Tags: labels on conversations (`ws.tags`, `conversations.tag` / `untag`, `list({ tagId })`). */
export {
  MAX_TAGS_PER_CONVERSATION,
  tagSchema,
  createTagInput,
  updateTagInput,
  tagConversationInput,
  tagNameKey,
  type Tag,
  type CreateTagInput,
  type UpdateTagInput,
  type TagConversationInput,
} from './tag.js';
export type { TagsApi } from './tags-service.js';
