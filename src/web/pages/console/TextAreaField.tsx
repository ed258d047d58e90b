/** A labelled textarea; its errors sit beside it, are announced, and are tied to it for screen readers. */
export function TextAreaField(props: { name: string; label: string; value?: string; errors?: string[]; rows?: number; hint?: string }) {
  const id = `field-${props.name}`;
  const errors = props.errors ?? [];
  const described = [props.hint ? `${id}-hint` : '', errors.length > 0 ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={errors.length > 0 ? 'field wide invalid' : 'field wide'}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <textarea id={id} name={props.name} rows={props.rows ?? 16} spellcheck={false} aria-invalid={errors.length > 0 ? 'true' : undefined} aria-describedby={described || undefined}>
        {props.value ?? ''}
      </textarea>
      {errors.length > 0 ? (
        <div class="error" id={`${id}-error`} role="alert">
          <ul>
            {errors.map((error) => (
              <li>{error}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
