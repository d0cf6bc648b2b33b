export { createFilterInput, emailFilterSchema, filterActionSchema, type CreateFilterInput, type EmailFilter, type FilterAction } from './email-filter.js';
export type { FilterMatch } from './filter-matching.js';
export type { FiltersApi } from './filters-service.js';
