/**
 * Chatflows: where the chat widget shows (targeting rules with explanations), how it presents
 * itself (profile, office hours), and bots as data with a pure step engine.
 */
export {
  chatflowSchema,
  chatflowTypeSchema,
  triggerSchema,
  createChatflowInput,
  updateChatflowInput,
  listChatflowsQuery,
  matchChatflowInput,
  type Chatflow,
  type ChatflowType,
  type Trigger,
  type CreateChatflowInput,
  type UpdateChatflowInput,
  type ListChatflowsQuery,
  type MatchChatflowInput,
} from './chatflow.js';
export { userOrTeamSchema, type UserOrTeam } from './user-or-team.js';
export {
  availabilitySettingsSchema,
  typicalReplyTimeSchema,
  chatflowAvailability,
  type AvailabilitySettings,
  type AvailabilitySettingsInput,
  type ChatflowAvailability,
  type TypicalReplyTime,
} from './availability.js';
export {
  conditionSchema,
  conditionGroupSchema,
  targetingSchema,
  MAX_TARGETING_PATTERN_WEIGHT,
  urlConditionSchema,
  queryConditionSchema,
  URL_OPERATORS,
  TEXT_OPERATORS,
  DEVICE_TYPES,
  type Condition,
  type UrlCondition,
  type QueryCondition,
  type VisitorCondition,
  type Targeting,
  type TargetingInput,
  type UrlOperator,
  type TextOperator,
} from './targeting/schema.js';
export { compileTargeting, type CompiledTargeting, type CompiledChatflow, type TargetedChatflow } from './targeting/compile.js';
export type { CompiledCondition, RequestFacts } from './targeting/conditions.js';
export {
  matchChatflows,
  type MatchRequest,
  type TargetingMatch,
  type MatchExplanation,
  type MatchedVerdict,
  type RejectedVerdict,
  type VerdictSubject,
  type ConditionCheck,
} from './targeting/match.js';
export { normalizeUrl, type NormalizedUrl } from './targeting/url.js';
export { parseLanguages, deviceFromUserAgent, type TargetingVisitor, type ContactFacts, type DeviceType } from './targeting/visitor.js';
export { compileSafeRegex, type SafeRegexResult, type LinearRegex } from './safe-regex/index.js';
export {
  botDefinitionSchema,
  botStepSchema,
  answerValidatorSchema,
  branchConditionSchema,
  BRANCH_OPERATORS,
  type BotDefinition,
  type BotDefinitionInput,
  type BotStep,
  type AnswerValidator,
  type BranchCondition,
  type BranchOperator,
} from './bots/schema.js';
export { validateBotGraph } from './bots/validate.js';
export {
  startBot,
  stepBot,
  botStateSchema,
  type BotState,
  type BotInput,
  type BotContext,
  type BotMessage,
  type BotAction,
  type BotTransition,
  type BotStepResult,
} from './bots/engine.js';
export type { AnswerValue } from './bots/answers.js';
export { chatflowsService, type ChatflowsApi } from './chatflows-service.js';
export type { ChatflowMatch, ChatflowProfile } from './match-service.js';
