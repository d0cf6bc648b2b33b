import type { User } from '../domain/user.js';
import { isWithinWorkingHours, nextWorkingHoursChange } from './working-hours.js';

/** Why a user does not take new work right now. */
export type UnavailableReason = 'away' | 'outside-working-hours';

/**
 * Why `user` is unavailable at `at`, or `null` when available. A user is available when they
 * have not set themselves `away` and `at` is within their working hours; a user without
 * working hours (`workingHours: null`) works around the clock.
 */
export function unavailableReason(user: Pick<User, 'availability' | 'workingHours'>, at: number): UnavailableReason | null {
  if (user.availability === 'away') return 'away';
  if (user.workingHours && !isWithinWorkingHours(user.workingHours, at)) return 'outside-working-hours';
  return null;
}

/** True when `user` takes new work at `at` (epoch ms): not `away` and within working hours. */
export function isUserAvailable(user: Pick<User, 'availability' | 'workingHours'>, at: number): boolean {
  return unavailableReason(user, at) === null;
}

/**
 * When a user who is outside working hours at `at` starts working again (`null` when they
 * are not outside working hours, or no interval starts within about a year). `away` is not
 * considered: only the user ends it.
 */
export function workingHoursResumeAt(user: Pick<User, 'workingHours'>, at: number): number | null {
  if (!user.workingHours || isWithinWorkingHours(user.workingHours, at)) return null;
  return nextWorkingHoursChange(user.workingHours, at);
}
