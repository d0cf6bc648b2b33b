/** URL/email-safe slug of an inbox name: lower-case ASCII letters, digits and dashes. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return slug || 'inbox';
}

/** `<slug>-<shortid>@<domain>`: the address an inbox receives email on before a team address is connected. */
export function fallbackAddress(name: string, shortId: string, domain: string): string {
  return `${slugify(name)}-${shortId}@${domain}`.toLowerCase();
}
