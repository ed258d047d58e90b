/** The recovery codes as a labelled list, one code to a line, for the pages that show them once. */
export function RecoveryCodeList({ codes }: { codes: string[] }) {
  return (
    <ul class="codes" aria-label="Recovery codes">
      {codes.map((code) => (
        <li>
          <code>{code}</code>
        </li>
      ))}
    </ul>
  );
}
