// Form controls the writing screens need beyond views/admin/form-fields' TextField: a
// textarea and a select, with the same label, hint and error wiring.
import type { ComponentChildren } from 'preact';

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return (
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  );
}

function FieldFrame({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

export function TextArea({
  name,
  label,
  value,
  error,
  hint,
  rows = 6,
  id = `field-${name}`,
}: {
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
  rows?: number;
  id?: string;
}) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {value}
      </textarea>
    </FieldFrame>
  );
}

export function Select({
  name,
  label,
  value,
  options,
  error,
  hint,
  id = `field-${name}`,
}: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  error?: string | undefined;
  hint?: string | undefined;
  id?: string;
}) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A message key from the `editor.errors` catalog, or a common one, as text. */
export function errorText(
  t: { editor: { errors: Record<string, string> }; common: { errors: Record<string, string> } },
  key: string | undefined,
): string | undefined {
  if (!key) return undefined;
  return t.editor.errors[key] ?? t.common.errors[key] ?? t.editor.errors.form_invalid;
}
