export { InboxKitError, type ErrorCode, type InboxKitErrorOptions } from './inboxkit-error.js';
export { NotFoundError } from './not-found-error.js';
export { ValidationError, type FieldIssue } from './validation-error.js';
export { ForbiddenError } from './forbidden-error.js';
export { ConflictError } from './conflict-error.js';
export { ChannelError } from './channel-error.js';
export { UnsupportedError } from './unsupported-error.js';
export { StorageError } from './storage-error.js';
export { parseInput, zodIssues } from './parse.js';
