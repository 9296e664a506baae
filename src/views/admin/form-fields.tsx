// Labelled form controls with their error message tied to the input (aria-describedby),
// so a refused form shows what to fix next to the field, for eyes and screen readers.
import type { JSX } from 'preact';

export function TextField({
  name,
  label,
  value,
  error,
  hint,
  type = 'text',
  id: idProp,
  ...rest
}: {
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  type?: string;
  /** Defaults to field-<name>; give one when a page has two fields of the same name. */
  id?: string | undefined;
} & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'value' | 'type' | 'name' | 'label' | 'id'>) {
  const id = idProp ?? `field-${name}`;
  const describedBy =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
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
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        {...rest}
      />
    </div>
  );
}
