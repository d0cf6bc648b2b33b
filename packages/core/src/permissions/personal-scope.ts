import { ForbiddenError } from '../errors/forbidden-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { Scope } from '../kit/scope.js';

/**
 * The scope of the user a personal call is about (their read marks, their presence): under
 * `asUser` the acting user, who may only speak for themselves (`FORBIDDEN` for another
 * `userId`); from the host, the `userId` it must pass (`VALIDATION` naming `userId` when
 * missing or unknown). Visibility checks then run as that user, so the host cannot mark a
 * conversation read for someone who cannot see it either.
 */
export async function personalScope(scope: Scope, passed: string | undefined, context: string): Promise<Scope> {
  if (scope.actorId !== null) {
    if (passed !== undefined && passed !== scope.actorId) throw new ForbiddenError(`users set their own ${context} only`);
    return scope;
  }
  if (passed === undefined) throw new ValidationError(context, [{ path: 'userId', message: 'required when not acting as a user' }]);
  await scope.requireWorkspace();
  if (!(await scope.storage.records.get(scope.workspaceId, 'user', passed))) {
    throw new ValidationError(context, [{ path: 'userId', message: `unknown user "${passed}"` }]);
  }
  return new Scope(scope.runtime, scope.workspaceId, passed);
}
