import { ValidationError, type FieldIssue } from '../errors/validation-error.js';

const SECRET_KEY = /(pass(word)?|secret|token|api[-_]?key|private[-_]?key|credentials?)$/i;

/**
 * Rejects channel configs that carry secret *values* (`password: '…'`) instead of
 * references (`passwordRef: 'vault-key'`), so secrets never reach storage in plain text.
 */
export function assertNoInlineSecrets(config: unknown, context: string): void {
  const issues: FieldIssue[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${path}[${i}]`));
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        if (SECRET_KEY.test(key) && typeof child === 'string' && child.length > 0) {
          issues.push({ path: childPath, message: `secret values are not stored; pass a reference as "${key}Ref"` });
        } else {
          walk(child, childPath);
        }
      }
    }
  };
  walk(config, 'config');
  if (issues.length > 0) throw new ValidationError(context, issues);
}
