import { InboxKitError, guardFor, type InboxKitErrorOptions } from './inboxkit-error.js';

/** One problem with an input field. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `from.email` or `targeting.include[0][1].value`. */
  path: string;
  /** What is wrong with it. */
  message: string;
}

/** Input failed validation; `issues` names every bad field. */
export class ValidationError extends InboxKitError {
  /** Every problem found, each naming its field. */
  readonly issues: FieldIssue[];

  constructor(context: string, issues: FieldIssue[], options?: InboxKitErrorOptions) {
    const detail = issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
    super('VALIDATION', `Invalid ${context}: ${detail}`, options);
    this.name = 'ValidationError';
    this.issues = issues;
  }

  /** True for a `VALIDATION` error from any copy of the package. */
  static override isInstance = guardFor<ValidationError>('VALIDATION');
}
