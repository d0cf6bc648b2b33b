/** A config with one secret reference replaced by its value, as a careless host would write it. */
export interface InlineVariant {
  /** Dotted path of the inlined field, e.g. `smtp.password`. */
  field: string;
  /** The secret value now inline. */
  value: string;
  /** The whole config with that one field inlined. */
  config: Record<string, unknown>;
}

// `passwordRef: 'smtp-pass'` → `password: '<value>'`, one variant per reference found.
export function inlineVariants(config: Record<string, unknown>, secrets: Readonly<Record<string, string>>): InlineVariant[] {
  const variants: InlineVariant[] = [];
  const walk = (node: Record<string, unknown>, path: string[], rebuild: (next: Record<string, unknown>) => Record<string, unknown>) => {
    for (const [key, child] of Object.entries(node)) {
      if (key.endsWith('Ref') && key.length > 3 && typeof child === 'string' && secrets[child] !== undefined) {
        const inline = key.slice(0, -3);
        const { [key]: _ref, ...rest } = node;
        variants.push({ field: [...path, inline].join('.'), value: secrets[child], config: rebuild({ ...rest, [inline]: secrets[child] }) });
      } else if (child && typeof child === 'object' && !Array.isArray(child)) {
        walk(child as Record<string, unknown>, [...path, key], (next) => rebuild({ ...node, [key]: next }));
      }
    }
  };
  walk(config, [], (next) => next);
  return variants;
}
