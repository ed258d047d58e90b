/** One labelled input; its error sits beside it, is announced, and is tied to it for screen readers. */
export interface FieldProps {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'number' | 'tel' | 'search' | 'url';
  value?: string;
  error?: string;
  autocomplete?: string;
  required?: boolean;
  inputmode?: 'numeric' | 'text' | 'email' | 'tel';
  hint?: string;
  min?: number;
  max?: number;
  /** Ids are `field-<name>`, unless two forms on one page share a name. */
  id?: string;
}

/** A `<label>` and its input, with a hint and an error (`role="alert"`) beside the field. */
export function Field(props: FieldProps) {
  const id = props.id ?? `field-${props.name}`;
  const described = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : props.value}
        autocomplete={props.autocomplete}
        required={props.required}
        inputmode={props.inputmode}
        min={props.min}
        max={props.max}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
      {props.error ? (
        <p class="error" id={`${id}-error`} role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
