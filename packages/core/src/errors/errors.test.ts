import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ChannelError,
  ConflictError,
  ForbiddenError,
  InboxKitError,
  NotFoundError,
  StorageError,
  UnsupportedError,
  ValidationError,
  parseInput,
} from './index.js';

const samples = [
  { error: new NotFoundError('conversation', 'c1'), guard: NotFoundError.isInstance, code: 'NOT_FOUND' },
  { error: new ValidationError('x', [{ path: 'a', message: 'bad' }]), guard: ValidationError.isInstance, code: 'VALIDATION' },
  { error: new ForbiddenError('no'), guard: ForbiddenError.isInstance, code: 'FORBIDDEN' },
  { error: new ConflictError('dup'), guard: ConflictError.isInstance, code: 'CONFLICT' },
  { error: new ChannelError('email', 'down', { retryable: true }), guard: ChannelError.isInstance, code: 'CHANNEL' },
  { error: new UnsupportedError('nope'), guard: UnsupportedError.isInstance, code: 'UNSUPPORTED' },
  { error: new StorageError('lost'), guard: StorageError.isInstance, code: 'STORAGE' },
] as const;

describe('typed errors', () => {
  it.each(samples)('$code: its own guard accepts it and every other guard rejects it', ({ error, guard, code }) => {
    expect(error.code).toBe(code);
    expect(guard(error)).toBe(true);
    expect(InboxKitError.isInstance(error)).toBe(true);
    for (const other of samples.filter((s) => s.code !== code)) expect(other.guard(error)).toBe(false);
  });

  it('guards reject look-alikes and plain errors', () => {
    for (const value of [new Error('x'), { code: 'NOT_FOUND' }, null, 'NOT_FOUND', undefined]) {
      expect(InboxKitError.isInstance(value)).toBe(false);
      expect(NotFoundError.isInstance(value)).toBe(false);
    }
  });

  it('guards work across copies of the package (shared Symbol.for marker)', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('inboxkit.error')]: true, code: 'CONFLICT' });
    expect(ConflictError.isInstance(foreign)).toBe(true);
  });

  it('keeps cause and retryable', () => {
    const cause = new Error('socket');
    const error = new ChannelError('email', 'send failed', { cause, retryable: true });
    expect(error.cause).toBe(cause);
    expect(error.retryable).toBe(true);
    expect(new ConflictError('x').retryable).toBe(false);
  });

  it('parseInput names every bad field with paths users write', () => {
    const schema = z.object({ a: z.object({ b: z.array(z.object({ c: z.string() })) }), d: z.number() });
    const error = (() => {
      try {
        parseInput(schema, { a: { b: [{ c: 1 }] }, d: 'x' }, 'thing');
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(error?.issues.map((i) => i.path)).toEqual(['a.b[0].c', 'd']);
    expect(error?.message).toMatch(/^Invalid thing: a\.b\[0\]\.c: .+; d: /);
  });
});
