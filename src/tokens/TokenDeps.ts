import type { Runtime } from '../runtime/Runtime.js';

/** What issuing tokens needs of the runtime. */
export type TokenDeps = Pick<Runtime, 'db' | 'clock' | 'config' | 'signingKeys'>;
