import { describe, expect, it } from 'vitest';
import { escapeHtml, html, Html, safeHref } from './html.js';

describe('the escaping template helper', () => {
  it('escapes every interpolated string, in content and in attributes', () => {
    const name = `<img src=x onerror="alert('x')">&\``;
    const out = html`<p title="${name}">${name}</p>`.toString();
    expect(out).toBe('<p title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;&#96;">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;&#96;</p>');
    expect(out).not.toContain('<img');
  });

  it('keeps nested templates as markup and joins arrays, escaping their items', () => {
    const items = ['a<b', 'c&d'].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}</ul>`.toString()).toBe('<ul><li>a&lt;b</li><li>c&amp;d</li></ul>');
    expect(html`${['<x>', html`<y>`]}`.toString()).toBe('&lt;x&gt;<y>');
  });

  it('renders nothing for null, undefined and false; numbers and true as text', () => {
    expect(html`[${null}${undefined}${false}]`.toString()).toBe('[]');
    expect(html`${0} ${3.5} ${true}`.toString()).toBe('0 3.5 true');
  });

  it('does not treat a string that looks like markup, or an object with a value, as trusted', () => {
    const fake = { value: '<script>' } as unknown as string;
    expect(html`${fake}`.toString()).toBe('[object Object]');
    expect(Html.trusted('<b>').toString()).toBe('<b>');
    expect(escapeHtml('plain')).toBe('plain');
  });

  it('lets only http(s) and same-site links through', () => {
    expect(safeHref('https://crm.example/companies/1')).toBe('https://crm.example/companies/1');
    expect(safeHref('/conversations/c1')).toBe('/conversations/c1');
    expect(safeHref('javascript:alert(1)')).toBe('#');
    expect(safeHref('JaVaScRiPt:alert(1)')).toBe('#');
    expect(safeHref('//evil.example/x')).toBe('#');
    expect(safeHref('data:text/html,x')).toBe('#');
    expect(safeHref(null)).toBe('#');
  });
});
