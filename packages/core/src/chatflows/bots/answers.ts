import { z } from 'zod';
import { compileSafeRegex } from '../safe-regex/index.js';
import type { AnswerValidator } from './schema.js';

/** A stored answer: text, a normalized email or phone, an option value, or a number. */
export type AnswerValue = string | number;

/** A validated answer, or the message to re-ask with. */
export type AnswerCheck = { ok: true; value: AnswerValue } | { ok: false; message: string };

const email = z.email();
const PHONE = /^\+?[\d\s().-]+$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

function numberWords(v: Extract<AnswerValidator, { type: 'number' }>): string {
  const kind = v.integer ? 'a whole number' : 'a number';
  if (v.min !== undefined && v.max !== undefined) return `Please enter ${kind} between ${v.min} and ${v.max}.`;
  if (v.min !== undefined) return `Please enter ${kind} of at least ${v.min}.`;
  if (v.max !== undefined) return `Please enter ${kind} of at most ${v.max}.`;
  return `Please enter ${kind}.`;
}

/**
 * Parses a number as people type it: `42`, `-3.5`, `1 000`, `1,000,000` (commas grouping
 * thousands), `3,5` (any other lone comma is a decimal separator).
 */
function parseNumber(text: string): number | null {
  const compact = text.replace(/[\s_]/g, '');
  const normalized = THOUSANDS.test(compact) ? compact.replace(/,/g, '') : compact.replace(/^([^.,]*),([^.,]*)$/, '$1.$2');
  return NUMBER.test(normalized) ? Number(normalized) : null;
}

/** The reason an answer is refused (without the custom message), or the normalized answer. */
function check(v: AnswerValidator, answer: string): { value: AnswerValue } | { reason: string } {
  switch (v.type) {
    case 'text':
      if (answer === '') return { reason: 'Please type an answer.' };
      return answer.length <= v.maxLength ? { value: answer } : { reason: `Please keep your answer under ${v.maxLength} characters.` };
    case 'email':
      return email.safeParse(answer).success ? { value: answer.toLowerCase() } : { reason: 'Please enter a valid email address.' };
    case 'phone': {
      const digits = answer.replace(/\D/g, '');
      const valid = PHONE.test(answer) && digits.length >= 7 && digits.length <= 15;
      return valid ? { value: `${answer.startsWith('+') ? '+' : ''}${digits}` } : { reason: 'Please enter a valid phone number.' };
    }
    case 'number': {
      const n = parseNumber(answer);
      const valid = n !== null && (!v.integer || Number.isInteger(n)) && (v.min === undefined || n >= v.min) && (v.max === undefined || n <= v.max);
      return valid ? { value: n } : { reason: numberWords(v) };
    }
    case 'options': {
      const wanted = answer.toLowerCase();
      const option = v.options.find((o) => o.label.toLowerCase() === wanted || o.value?.toLowerCase() === wanted);
      return option ? { value: option.value ?? option.label } : { reason: `Please choose one of: ${v.options.map((o) => o.label).join(', ')}.` };
    }
    case 'regex': {
      const compiled = compileSafeRegex(v.pattern);
      return compiled.ok && compiled.regex.test(answer) ? { value: answer } : { reason: 'Please check your answer and try again.' };
    }
  }
}

/** Validates and normalizes a visitor's answer (trimmed first). Invalid answers carry the re-ask message. */
export function checkAnswer(validator: AnswerValidator, text: string): AnswerCheck {
  const result = check(validator, text.trim());
  return 'value' in result ? { ok: true, value: result.value } : { ok: false, message: validator.message ?? result.reason };
}

/** The quick replies a question offers: its option labels, if it has options. */
export function quickReplies(validator: AnswerValidator): string[] {
  return validator.type === 'options' ? validator.options.map((o) => o.label) : [];
}
