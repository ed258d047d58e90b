/** The columns an event is found by (`GET /audit/events` filters), beside its hashed body. */
export interface IndexedColumns {
  eventTime: string;
  eventName: string;
  principalId: string | null;
  errorCode: string | null;
}

/**
 * True when the columns say what the hashed body says, so that rewriting a column alone (to
 * hide an event from a filter) is caught by verify. Read in place, as verify runs once per
 * event: in RFC 8785 JSON the top-level keys come sorted, so `errorCode`, `eventName` and
 * `eventTime` appear before any request or response data, and `userIdentity` is the last key,
 * so the last `"principalId":` is its own.
 */
export function columnsMatchBody(body: string, columns: IndexedColumns): boolean {
  return (
    valueAt(body, body.indexOf('"errorCode":'), 12, columns.errorCode) &&
    valueAt(body, body.indexOf('"eventName":'), 12, columns.eventName) &&
    valueAt(body, body.indexOf('"eventTime":'), 12, columns.eventTime) &&
    valueAt(body, body.lastIndexOf('"principalId":'), 14, columns.principalId)
  );
}

function valueAt(body: string, at: number, keyLength: number, expected: string | null): boolean {
  if (at < 0) return false;
  const text = JSON.stringify(expected);
  const end = at + keyLength + text.length;
  return body.startsWith(text, at + keyLength) && (body[end] === ',' || body[end] === '}');
}
