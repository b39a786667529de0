// The lookup form, the same markup as the Liquid block so the widget takes it over in place.
import type { Ref } from 'preact';
import type { FieldErrors, LookupField, LookupInput } from '../field-issues.js';
import type { Strings } from '../strings.js';

export interface LookupFormProps {
  strings: Strings;
  values: LookupInput;
  /** Message keys per invalid field; drawn as a summary and beside each field. */
  errors?: FieldErrors;
  /** The no-JS target, `{proxyPath}/lookup`. */
  action: string;
  locale: string;
  returnTo?: string;
  /** The no-JS page links the block's stylesheet; the form keeps it for the next post. */
  stylesheet?: string;
  /** The block's contact page setting, posted on so the no-JS answer can offer it. */
  contactUrl?: string | undefined;
  /** Signed-in customers may leave the email out for their own orders. */
  signedIn?: boolean;
  busy?: boolean;
  idPrefix?: string;
  summaryRef?: Ref<HTMLDivElement>;
  onInput?: (field: LookupField, value: string) => void;
  onSubmit?: (event: Event) => void;
}

export function LookupForm({
  strings,
  values,
  errors = {},
  action,
  locale,
  returnTo = '',
  stylesheet,
  contactUrl,
  signedIn = false,
  busy = false,
  idPrefix = 'track-order',
  summaryRef,
  onInput,
  onSubmit,
}: LookupFormProps) {
  const field = (
    name: LookupField,
    label: string,
    hint: string,
    attrs: Record<string, string | number | boolean>,
  ) => {
    const id = `${idPrefix}-${name === 'orderNumber' ? 'order' : 'email'}`;
    const error = errors[name];
    return (
      <div class="track-order__field">
        <label class="track-order__label" for={id}>
          {label}
        </label>
        <input
          class="track-order__input"
          id={id}
          name={name}
          value={values[name]}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          onInput={onInput && ((e) => onInput(name, (e.currentTarget as HTMLInputElement).value))}
          {...attrs}
        />
        <p class="track-order__hint" id={`${id}-hint`}>
          {hint}
        </p>
        {error && (
          <p class="track-order__field-error" id={`${id}-error`}>
            {strings[error]}
          </p>
        )}
      </div>
    );
  };
  const invalid = (Object.keys(errors) as LookupField[]).filter((k) => errors[k]);
  return (
    <form
      class="track-order__form"
      action={action}
      method="post"
      id={`${idPrefix}-form`}
      noValidate={!!onSubmit}
      aria-busy={busy ? 'true' : undefined}
      onSubmit={onSubmit}
    >
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="return_to" value={returnTo} />
      {stylesheet && <input type="hidden" name="stylesheet" value={stylesheet} />}
      {contactUrl && <input type="hidden" name="contact_url" value={contactUrl} />}
      {invalid.length > 0 && (
        <div class="track-order__summary" role="alert" tabIndex={-1} ref={summaryRef}>
          <p>{strings['form.errors_heading']}</p>
          <ul>
            {invalid.map((k) => (
              <li key={k}>
                <a href={`#${idPrefix}-${k === 'orderNumber' ? 'order' : 'email'}`}>
                  {strings[errors[k] as keyof Strings]}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {field('orderNumber', strings['form.order_number'], strings['form.order_number_hint'], {
        type: 'text',
        required: true,
        maxLength: 40,
        autoComplete: 'off',
        spellcheck: false,
      })}
      {field(
        'email',
        strings['form.email'],
        strings[signedIn ? 'form.email_optional_hint' : 'form.email_hint'],
        { type: 'email', required: !signedIn, maxLength: 254, autoComplete: 'email' },
      )}
      <button class="track-order__submit" type="submit" aria-disabled={busy ? 'true' : undefined}>
        <span>{strings['form.submit']}</span>
      </button>
    </form>
  );
}
