/**
 * Forms: definitions with per-field validation, stored as data and delivered to an inbox
 * through its `forms` channel (`@inboxkit/adapter-forms` serves the submission endpoint).
 */
export {
  FORM_FIELD_TYPES,
  DEFAULT_MAX_LENGTH,
  DEFAULT_MAX_FILE_BYTES,
  formFieldTypeSchema,
  formFieldInput,
  formFieldsSchema,
  formOriginSchema,
  formSchema,
  createFormInput,
  updateFormInput,
  listFormsQuery,
  contactEmailField,
  type Form,
  type FormField,
  type FormFieldInput,
  type FormFieldType,
  type FormSpamCount,
  type CreateFormInput,
  type UpdateFormInput,
  type ListFormsQuery,
} from './form.js';
export { FORMS_CHANNEL_TYPE } from './form-channel.js';
export type { FormsApi } from './forms-service.js';
export type { ChannelForms } from './channel-forms.js';
