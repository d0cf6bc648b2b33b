export {
  routingRuleInput,
  routingRuleSchema,
  routingStrategySchema,
  fallbackStrategySchema,
  routingTargetsSchema,
  type RoutingRule,
  type RoutingRuleInput,
  type RoutingStrategy,
  type FallbackStrategy,
  type RoutingTargets,
} from './routing-rule.js';
export type { SkipReason, SkippedUser } from './eligibility.js';
export type { DrainTarget } from './drain-queue.js';
export type { RoutingApi } from './routing-service.js';
