/** A message about the whole form, announced as it appears; nothing when there is none. */
export function FormAlert({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p class="alert" role="alert">
      {message}
    </p>
  );
}

/** A calm confirmation (a status, not an alert): "Password changed", "Signed out". */
export function Notice({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p class="notice" role="status">
      {message}
    </p>
  );
}
