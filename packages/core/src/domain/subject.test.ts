import { describe, expect, it } from 'vitest';
import { isForward, normalizeSubject } from './subject.js';

describe('normalizeSubject', () => {
  it.each([
    ['Re: Printer', 'printer'],
    ['RE: RE: Printer', 'printer'],
    ['AW: Drucker', 'drucker'],
    ['SV: Skriver', 'skriver'],
    ['VS: Tulostin', 'tulostin'],
    ['Fwd: Re:  Printer   broken', 'printer broken'],
    ['Re[2]: Printer', 'printer'],
    ['Printer', 'printer'],
    ['Reply needed', 'reply needed'],
    [null, ''],
  ])('%s → %s', (input, output) => expect(normalizeSubject(input)).toBe(output));

  it('tells forwards apart', () => {
    expect(['Fwd: x', 'FW: x', 'WG: x', 'TR: x', 'RV: x'].every(isForward)).toBe(true);
    expect(['Re: x', 'Forward planning', 'x'].some(isForward)).toBe(false);
  });
});
