/** Snippets: canned replies with `{{variables}}` (`ws.snippets`, `snippets.render`). */
export {
  shortcutSchema,
  snippetSchema,
  createSnippetInput,
  updateSnippetInput,
  listSnippetsQuery,
  renderSnippetInput,
  type Snippet,
  type CreateSnippetInput,
  type UpdateSnippetInput,
  type ListSnippetsQuery,
  type RenderSnippetInput,
} from './snippet.js';
export {
  SNIPPET_VARIABLES,
  parseTemplate,
  renderTemplate,
  templateError,
  type SnippetVariable,
  type SnippetValues,
  type TemplatePart,
} from './template.js';
export type { SnippetsApi } from './snippets-service.js';
