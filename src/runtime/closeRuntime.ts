import type { Runtime } from './Runtime.js';

/** Lets go of everything the runtime holds open (database pool, Redis connections), so the process can end. */
export async function closeRuntime(runtime: Runtime): Promise<void> {
  runtime.sessionLiveness.close();
  await runtime.broadcast.close();
  runtime.redis?.disconnect();
  await runtime.db.destroy();
}
