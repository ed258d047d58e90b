import { GatehouseError } from '../../../errors/GatehouseError.js';

/**
 * A value from the request as one segment of an API path: percent-encoded, and never `.` or
 * `..`, which URL resolution would turn into another route (`/admin/users/..` is `/admin/`).
 */
export function segment(value: string): string {
  if (value === '' || value === '.' || value === '..') throw new GatehouseError('NOT_FOUND', 'There is no page here.');
  return encodeURIComponent(value);
}
