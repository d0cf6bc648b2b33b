/**
 * The one escaping template helper every page uses: `html` escapes every interpolated value
 * unless it is already `Html` (the result of another `html` template), so markup is only ever
 * built from literals of this app and escaped data.
 */

/** Markup that is safe to send: built by `html` from literals and escaped values. */
export class Html {
  /** Use `html` or `Html.trusted` instead. */
  private constructor(readonly value: string) {}

  /** Marks a string built by this app's own code (never user data) as markup. */
  static trusted(value: string): Html {
    return new Html(value);
  }

  /** The markup. */
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ENTITIES[c]!);
}

/** A value a template may interpolate: text (escaped), markup, lists of them, or nothing. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** The tagged template: `html\`<p>${name}</p>\`` escapes `name`; nested `html` and arrays compose. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return Html.trusted(out);
}

/** A link target from data (a CRM record's URL): http(s) or a path on this site, else `#` (no `javascript:`). */
export function safeHref(url: string | null | undefined): string {
  if (!url) return '#';
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  return /^https?:\/\//i.test(url) && URL.canParse(url) ? url : '#';
}
