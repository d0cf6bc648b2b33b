import { describe, expect, it } from 'vitest';
import { defaultSanitizeHtml, storedHtml } from './sanitize-html.js';

describe('defaultSanitizeHtml', () => {
  it.each([
    ['<p>hi<script>alert(1)</script></p>', '<p>hi</p>'],
    ['<img src="x" onerror="alert(1)">', '<img src="x" />'],
    ['<a href="javascript:alert(1)">x</a>', '<a target="_blank" rel="noopener noreferrer nofollow">x</a>'],
    ['<iframe src="https://evil.test"></iframe><p>ok</p>', '<p>ok</p>'],
    ['<form action="https://evil.test"><input name="pw"></form>', ''],
    ['<p style="color:red;background:url(https://track.test/p.gif)">x</p>', '<p style="color:red">x</p>'],
    ['<svg><script>alert(1)</script></svg>', ''],
  ])('removes the dangerous part of %s', (input, output) => {
    expect(defaultSanitizeHtml(input)).toBe(output);
  });

  it('keeps email layout: tables, inline images by cid, safe links', () => {
    const html = '<table width="600" cellpadding="0"><tr><td colspan="2" style="color:#333">Hi <img src="cid:logo@x" alt="logo"> <a href="https://acme.test/a">link</a></td></tr></table>';
    const clean = defaultSanitizeHtml(html);
    expect(clean).toContain('<table width="600" cellpadding="0">');
    expect(clean).toContain('<img src="cid:logo@x" alt="logo" />');
    expect(clean).toContain('href="https://acme.test/a"');
    expect(clean).toContain('style="color:#333"');
  });

  it('storedHtml: null for absent or emptied html', () => {
    expect(storedHtml(defaultSanitizeHtml, null)).toBeNull();
    expect(storedHtml(defaultSanitizeHtml, '')).toBeNull();
    expect(storedHtml(defaultSanitizeHtml, '<script>x</script>')).toBeNull();
    expect(storedHtml((h) => h.toUpperCase(), '<b>x</b>')).toBe('<B>X</B>');
  });
});
