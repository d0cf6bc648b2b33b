import { describe, expect, it } from 'vitest';
import { corsHeaders, isAllowedOrigin } from './cors.js';

const allowed = ['https://shop.test', 'http://localhost:3000'];

describe('CORS', () => {
  it('echoes an allowed origin, never a wildcard', () => {
    const headers = corsHeaders('https://shop.test', allowed);
    expect(headers['Access-Control-Allow-Origin']).toBe('https://shop.test');
    expect(headers.Vary).toBe('Origin');
  });

  it.each([
    ['another site', 'https://evil.test'],
    ['a suffix trick', 'https://shop.test.evil.test'],
    ['a prefix trick', 'https://evilshop.test'],
    ['another scheme', 'http://shop.test'],
    ['another port', 'http://localhost:3001'],
    ['the opaque origin', 'null'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_, origin) => {
    expect(isAllowedOrigin(origin, allowed)).toBe(false);
    expect(corsHeaders(origin, allowed)).toEqual({ Vary: 'Origin' });
  });

  it('compares normalized origins (case, default port)', () => {
    expect(isAllowedOrigin('HTTPS://Shop.test:443', allowed)).toBe(true);
  });

  it('adds no allow header without an Origin', () => {
    expect(corsHeaders(null, allowed)).toEqual({ Vary: 'Origin' });
  });
});
