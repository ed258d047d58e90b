/** What the bench process asks of the process under load (`benchServer.ts`). */
export type BenchCommand =
  | { type: 'verify'; inFlight: number; durationMs: number }
  | { type: 'serveBare'; path: string; body: string }
  | { type: 'serveUnrecorded' }
  | { type: 'stop' };

/** A user the process under load created, confirmed, with the shared bench password. */
export interface BenchUser {
  id: string;
  email: string;
}

/** What the process under load answers, one message per command (and `ready` once at start). */
export type BenchReply =
  | {
      type: 'ready';
      url: string;
      certificate: string;
      password: string;
      teacher: BenchUser;
      student: BenchUser;
      /** The PHC prefix (`$argon2id$v=19$m=…,t=…,p=…`) shared by the users' hashes and the baseline's. */
      argon2: string;
      threadpoolSize: number;
    }
  | { type: 'verified'; perSecond: number }
  | { type: 'bareReady'; url: string }
  | { type: 'unrecordedReady'; url: string }
  | { type: 'failed'; message: string };
