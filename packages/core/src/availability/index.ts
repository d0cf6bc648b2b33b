export { isUserAvailable, unavailableReason, workingHoursResumeAt, type UnavailableReason } from './user-availability.js';
export { isWithinWorkingHours, nextWorkingHoursChange } from './working-hours.js';
