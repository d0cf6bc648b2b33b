import sanitize from 'sanitize-html';

/** Turns untrusted HTML into HTML safe to render in an agent's browser. Must be pure and synchronous. */
export type HtmlSanitizer = (html: string) => string;

// Email HTML is table layouts and inline styles; keep those, drop scripts, handlers, forms,
// iframes and every URL scheme but web, mail and (for images) inline `cid:`/`data:` parts.
const options: sanitize.IOptions = {
  allowedTags: [...sanitize.defaults.allowedTags, 'img', 'font', 'center', 'span', 'del', 'ins', 'sub', 'sup'],
  allowedAttributes: {
    '*': ['style', 'dir', 'lang', 'title', 'align'],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    font: ['color', 'face', 'size'],
    table: ['width', 'border', 'cellpadding', 'cellspacing', 'bgcolor'],
    td: ['colspan', 'rowspan', 'valign', 'width', 'bgcolor'],
    th: ['colspan', 'rowspan', 'valign', 'width', 'bgcolor'],
    ol: ['start', 'type'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'cid', 'data'] },
  allowProtocolRelative: false,
  // Inline styles: only properties that cannot load anything (no `url()`, no `position`).
  allowedStyles: {
    '*': Object.fromEntries(
      [
        'color', 'background-color', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-align',
        'text-decoration', 'line-height', 'margin', 'margin-top', 'margin-bottom', 'margin-left', 'margin-right',
        'padding', 'padding-top', 'padding-bottom', 'padding-left', 'padding-right', 'border', 'border-collapse',
        'width', 'height', 'max-width', 'vertical-align', 'white-space',
      ].map((property) => [property, [/^[^()]*$/]]),
    ),
  },
  transformTags: { a: sanitize.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }) },
};

/** The kit's default sanitizer (`sanitize-html` with an email-friendly allowlist). */
export const defaultSanitizeHtml: HtmlSanitizer = (html) => sanitize(html, options);

/** The HTML as it is stored: sanitized, or `null` when there is none (or nothing safe is left). */
export function storedHtml(sanitizer: HtmlSanitizer, html: string | null | undefined): string | null {
  if (html === null || html === undefined || html === '') return null;
  const clean = sanitizer(html);
  return clean.trim() === '' ? null : clean;
}
