import type { AdminUserView } from '../../../identity/admin/listUsers.js';
import { formatTime } from '../account/formatTime.js';

/** An account's state in words, with the expiry still to come when it has one. */
export function userStatus(user: AdminUserView): string {
  if (user.disabled) return 'Disabled';
  if (!user.confirmed) return 'Unconfirmed';
  return user.disabledAt === null ? 'Active' : `Active until ${formatTime(user.disabledAt)}`;
}
