/** One choice of a `<select>`: what is sent, and what the person reads. */
export interface Choice {
  value: string;
  label: string;
}

/** A labelled `<select>`, with its error beside it (`role="alert"`) like `Field`. */
export function SelectField(props: { id: string; name: string; label: string; choices: Choice[]; value?: string; error?: string; placeholder?: string }) {
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name} required aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? `${props.id}-error` : undefined}>
        {props.placeholder ? <option value="">{props.placeholder}</option> : null}
        {props.choices.map((choice) => (
          <option value={choice.value} selected={choice.value === props.value}>
            {choice.label}
          </option>
        ))}
      </select>
      {props.error ? (
        <p class="error" id={`${props.id}-error`} role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
