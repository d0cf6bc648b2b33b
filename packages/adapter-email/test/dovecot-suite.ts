import { afterAll, beforeAll } from 'vitest';
import { startDovecot, type Dovecot } from './dovecot.js';

/** One private Dovecot for the calling `describe` block: started before its tests, closed after them. */
export function dovecotPerSuite(): () => Dovecot {
  let dovecot: Dovecot | undefined;
  beforeAll(async () => {
    dovecot = await startDovecot();
  });
  afterAll(async () => {
    await dovecot?.close();
  });
  return () => {
    if (!dovecot) throw new Error('Dovecot is not started yet (use it inside a test)');
    return dovecot;
  };
}
