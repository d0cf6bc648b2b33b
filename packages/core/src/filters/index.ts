export { createFilterInput, emailFilterSchema, type CreateFilterInput, type EmailFilter } from './email-filter.js';
export type { FilterMatch } from './match-filters.js';
export type { FiltersApi } from './filters-service.js';
