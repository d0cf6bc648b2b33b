import { describe, expect, it } from 'vitest';
import { ChannelError } from '../errors/channel-error.js';
import { errorFields } from './error-fields.js';

describe('errorFields', () => {
  it('keeps the message of InboxKit errors, which are written to be shown', () => {
    expect(errorFields(new ChannelError('email', 'mailbox full'))).toMatchObject({ code: 'CHANNEL', error: expect.stringContaining('mailbox full') });
  });

  it('keeps only name and code of other errors, whose text may quote credentials', () => {
    const error = Object.assign(new TypeError('connect postgres://u:pa55word@db failed'), { code: 'ECONNREFUSED' });
    expect(errorFields(error)).toEqual({ error: 'TypeError', code: 'ECONNREFUSED' });
    expect(errorFields(new Error('token=abc'))).toEqual({ error: 'Error' });
    expect(errorFields('oops secret')).toEqual({ error: 'string' });
  });
});
