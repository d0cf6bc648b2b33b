import { describe, expect, it } from 'vitest';
import { checkAnswer, quickReplies } from './answers.js';
import { answerValidatorSchema } from './schema.js';

const validator = (input: unknown) => answerValidatorSchema.parse(input);
const sizes = validator({ type: 'options', options: [{ label: 'Small team', value: 'small' }, { label: 'Medium', value: 'medium' }, { label: 'Enterprise' }] });

describe('checkAnswer', () => {
  it.each([
    [{ type: 'text' }, '  hello  ', 'hello'],
    [{ type: 'email' }, ' Ann@Acme.COM ', 'ann@acme.com'],
    [{ type: 'phone' }, '+47 (22) 33-44.55', '+4722334455'],
    [{ type: 'phone' }, '555 123 4567', '5551234567'],
    [{ type: 'number' }, '42', 42],
    [{ type: 'number' }, '-3.5', -3.5],
    [{ type: 'number' }, '3,5', 3.5],
    [{ type: 'number' }, '1,000,000', 1_000_000],
    [{ type: 'number' }, '1 000', 1000],
    [{ type: 'number', min: 1, max: 10 }, '10', 10],
    [{ type: 'number', integer: true }, '7', 7],
    [{ type: 'regex', pattern: '^[A-Z]{2}-\\d{4}$' }, 'NO-0150', 'NO-0150'],
  ])('%j accepts %j as %j', (v, answer, value) => {
    expect(checkAnswer(validator(v), answer)).toEqual({ ok: true, value });
  });

  it.each([
    ['a label', 'Small team', 'small'],
    ['a label in another case', 'SMALL TEAM', 'small'],
    ['a value', 'MEDIUM', 'medium'],
    ['a label without a value', 'enterprise', 'Enterprise'],
  ])('options accept %s (%j → %j)', (_case, answer, value) => {
    expect(checkAnswer(sizes, answer)).toEqual({ ok: true, value });
  });

  it.each([
    [{ type: 'text' }, '   ', 'Please type an answer.'],
    [{ type: 'text', maxLength: 3 }, 'four', 'Please keep your answer under 3 characters.'],
    [{ type: 'email' }, 'ann@', 'Please enter a valid email address.'],
    [{ type: 'phone' }, '12345', 'Please enter a valid phone number.'],
    [{ type: 'phone' }, 'call me', 'Please enter a valid phone number.'],
    [{ type: 'number' }, 'ten', 'Please enter a number.'],
    [{ type: 'number', min: 1, max: 10 }, '11', 'Please enter a number between 1 and 10.'],
    [{ type: 'number', min: 1 }, '0', 'Please enter a number of at least 1.'],
    [{ type: 'number', max: 5 }, '6', 'Please enter a number of at most 5.'],
    [{ type: 'number', integer: true }, '2.5', 'Please enter a whole number.'],
    [{ type: 'options', options: [{ label: 'Yes' }, { label: 'No' }] }, 'maybe', 'Please choose one of: Yes, No.'],
    [{ type: 'regex', pattern: '^\\d{4}$' }, '123', 'Please check your answer and try again.'],
    [{ type: 'email', message: 'We need your work email.' }, 'x', 'We need your work email.'],
  ])('%j refuses %j with %j', (v, answer, message) => {
    expect(checkAnswer(validator(v), answer)).toEqual({ ok: false, message });
  });

  it('offers option labels as quick replies, and none otherwise', () => {
    expect(quickReplies(sizes)).toEqual(['Small team', 'Medium', 'Enterprise']);
    expect(quickReplies(validator({ type: 'email' }))).toEqual([]);
  });
});
