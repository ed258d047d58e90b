import { z } from 'zod';

/** A machine client's name, the id of its Cedar principal `Client::"<name>"`. */
export const clientName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'must be 1 to 64 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit');
