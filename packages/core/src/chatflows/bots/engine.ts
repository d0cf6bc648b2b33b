import { z } from 'zod';
import { parseInput } from '../../errors/parse.js';
import type { ContactFacts } from '../targeting/visitor.js';
import type { UserOrTeam } from '../user-or-team.js';
import { checkAnswer, quickReplies, type AnswerValue } from './answers.js';
import { branchTarget } from './branch.js';
import { botDefinitionSchema, type BotDefinition, type BotDefinitionInput, type BotStep } from './schema.js';

const answerValue = z.union([z.string(), z.number()]);

/** Where a bot session stands. JSON-serializable: the chat adapter stores it between messages. */
export const botStateSchema = z.strictObject({
  /** `waiting` for an answer to `stepId`; `handed-off` or `completed` when the session is over. */
  status: z.enum(['waiting', 'handed-off', 'completed']),
  /** The question awaiting an answer, or the step the session ended on. */
  stepId: z.string().nullable(),
  /** Valid answers so far, by question step id (normalized: numbers as numbers, emails lower-cased). */
  answers: z.record(z.string(), answerValue),
  /** Contact values this session set (`setContactProperty`); they win over the context's contact. */
  properties: z.record(z.string(), answerValue),
});
/** Where a bot session stands. */
export type BotState = z.infer<typeof botStateSchema>;

/** A visitor's message to the bot. */
export const botInputSchema = z.strictObject({ text: z.string().max(10_000) });
/** A visitor's message to the bot. */
export type BotInput = z.infer<typeof botInputSchema>;

/** What the engine reads besides the definition: the time (for transition records) and the contact. */
export interface BotContext {
  /** Epoch ms stamped on transitions; pass the kit's clock. */
  now: number;
  /** The visitor's contact, for branches on contact values. */
  contact?: ContactFacts | null;
}

/** A message the bot sends. */
export interface BotMessage {
  /** The step that sent it. */
  stepId: string;
  /** Its text. */
  text: string;
  /** Quick replies to offer (a question's option labels); empty otherwise. */
  quickReplies: string[];
}

/** Something the driver (the chat adapter) must do. */
export type BotAction =
  /** Save an answer on the contact: a `properties` key, or `email`, `name`, `phone`. */
  | { type: 'setContactProperty'; name: string; value: AnswerValue }
  /** Make the conversation live chat, assigned to `to` or, when `null`, by the channel's routing rule. */
  | { type: 'handoff'; to: UserOrTeam | null }
  /** The bot finished without a handoff. */
  | { type: 'end' };

/**
 * One step transition, for bot analytics: a session starts with `from: null`, ends with
 * `to: null` (`via` `end` or `handoff`); `reask` stays on a question after an invalid answer.
 */
export interface BotTransition {
  /** When (the context's `now`). */
  at: number;
  /** The step left, or `null` at the start. */
  from: string | null;
  /** The step entered, or `null` when the session ended. */
  to: string | null;
  /** What caused it. */
  via: 'start' | 'next' | 'answer' | 'reask' | 'branch' | 'handoff' | 'end';
}

/** The result of one engine call. */
export interface BotStepResult {
  /** The new state (the input state is never mutated). */
  state: BotState;
  /** Messages to send, in order. */
  messages: BotMessage[];
  /** Actions for the driver, in order. */
  actions: BotAction[];
  /** Every transition made, in order. */
  transitions: BotTransition[];
}

/** Runs from `stepId` through messages and branches until a question, a handoff or an end. */
function advance(bot: BotDefinition, entered: string, state: BotState, context: BotContext, out: BotStepResult): BotStepResult {
  const byId = new Map(bot.steps.map((s) => [s.id, s]));
  const say = (step: BotStep, text: string | null, replies: string[] = []) => {
    if (text !== null) out.messages.push({ stepId: step.id, text, quickReplies: replies });
  };
  let id = entered;
  // The graph check guarantees a question, handoff or end within steps.length moves.
  for (;;) {
    const step = byId.get(id)!;
    const move = (to: string | null, via: BotTransition['via']) => out.transitions.push({ at: context.now, from: step.id, to, via });
    switch (step.type) {
      case 'message':
        say(step, step.text);
        move(step.next, 'next');
        id = step.next;
        break;
      case 'branch':
        id = branchTarget(step, state, context.contact ?? null);
        move(id, 'branch');
        break;
      case 'question':
        say(step, step.text, quickReplies(step.validation));
        out.state = { ...state, status: 'waiting', stepId: step.id };
        return out;
      case 'handoff':
        say(step, step.text);
        out.actions.push({ type: 'handoff', to: step.to });
        move(null, 'handoff');
        out.state = { ...state, status: 'handed-off', stepId: step.id };
        return out;
      case 'end':
        say(step, step.text);
        out.actions.push({ type: 'end' });
        move(null, 'end');
        out.state = { ...state, status: 'completed', stepId: step.id };
        return out;
    }
  }
}

const emptyResult = (state: BotState): BotStepResult => ({ state, messages: [], actions: [], transitions: [] });

// Definitions are validated when a chatflow is saved; a session's steps usually pass the same
// object again (the kit's rules cache keeps it), so each object is validated once, on first
// use, and that validated snapshot serves every later step (mutating it afterwards has no effect).
const validated = new WeakMap<object, BotDefinition>();

function validBot(definition: BotDefinitionInput): BotDefinition {
  const key = typeof definition === 'object' && definition !== null ? definition : null;
  const known = key && validated.get(key);
  if (known) return known;
  const bot = parseInput(botDefinitionSchema, definition, 'bot definition');
  if (key) validated.set(key, bot);
  return bot;
}

/**
 * Starts a bot session: runs from the first step to the first question (or handoff, or end).
 * Pure and deterministic. Throws `VALIDATION` for an invalid definition (validated once per
 * definition object: later calls with the same object reuse that validation).
 */
export function startBot(definition: BotDefinitionInput, context: BotContext): BotStepResult {
  const bot = validBot(definition);
  const first = bot.steps[0]!.id;
  const state: BotState = { status: 'waiting', stepId: null, answers: {}, properties: {} };
  const out = emptyResult(state);
  out.transitions.push({ at: context.now, from: null, to: first, via: 'start' });
  return advance(bot, first, state, context, out);
}

/**
 * Feeds a visitor's message to a waiting session. A valid answer is stored (and saved on the
 * contact when the question says so) and the bot moves on; an invalid one is re-asked with the
 * validator's message. A session that is over ignores input. A session whose question no longer
 * exists (the bot was edited meanwhile) is handed off through routing rather than left stuck.
 * Pure and deterministic. Throws `VALIDATION` for an invalid definition, state or input.
 */
export function stepBot(definition: BotDefinitionInput, state: BotState, input: BotInput, context: BotContext): BotStepResult {
  const bot = validBot(definition);
  const current = parseInput(botStateSchema, state, 'bot state');
  const { text } = parseInput(botInputSchema, input, 'bot input');
  if (current.status !== 'waiting') return emptyResult(current);
  const out = emptyResult(current);
  const question = bot.steps.find((s) => s.id === current.stepId);
  if (question?.type !== 'question') {
    out.actions.push({ type: 'handoff', to: null });
    out.transitions.push({ at: context.now, from: current.stepId, to: null, via: 'handoff' });
    out.state = { ...current, status: 'handed-off' };
    return out;
  }
  const answer = checkAnswer(question.validation, text);
  if (!answer.ok) {
    out.messages.push({ stepId: question.id, text: answer.message, quickReplies: [] });
    out.messages.push({ stepId: question.id, text: question.text, quickReplies: quickReplies(question.validation) });
    out.transitions.push({ at: context.now, from: question.id, to: question.id, via: 'reask' });
    return out;
  }
  const next: BotState = { ...current, answers: { ...current.answers, [question.id]: answer.value } };
  if (question.setContactProperty !== null) {
    next.properties = { ...current.properties, [question.setContactProperty]: answer.value };
    out.actions.push({ type: 'setContactProperty', name: question.setContactProperty, value: answer.value });
  }
  out.transitions.push({ at: context.now, from: question.id, to: question.next, via: 'answer' });
  return advance(bot, question.next, next, context, out);
}
