export { createFilterInput, emailFilterSchema, filterActionSchema, type CreateFilterInput, type EmailFilter, type FilterAction } from './email-filter.js';
export type { FilterMatch } from './match-filters.js';
export type { FiltersApi } from './filters-service.js';
