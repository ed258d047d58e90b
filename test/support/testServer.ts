import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
// undici's own fetch takes a dispatcher that trusts exactly the test server's certificate.
import { Agent, fetch } from 'undici';
import { EventStream } from './eventStream.js';
import { loadConfig, type Config } from '../../src/config/loadConfig.js';
import type { Deliver } from '../../src/delivery/Deliver.js';
import { writeToOutbox } from '../../src/delivery/writeToOutbox.js';
import { createConfirmedUser } from '../../src/identity/admin/createConfirmedUser.js';
import { createRuntime, type RuntimeOptions } from '../../src/runtime/createRuntime.js';
import type { Runtime } from '../../src/runtime/Runtime.js';
import { startServer, type RunningServer } from '../../src/server/startServer.js';
import { plainTransact } from '../../src/store/Transact.js';

/** An answer as tests read it. */
export interface Answer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** A fresh temp data folder. */
export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-test-'));
}

/** A client that trusts exactly the server's certificate and keeps the session cookie and CSRF token. */
export class Client {
  cookie?: string;
  csrfToken?: string;
  constructor(
    readonly base: string,
    private readonly dispatcher: Agent,
  ) {}

  async request(method: string, url: string, options: { json?: unknown; body?: string; headers?: Record<string, string>; csrf?: boolean } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = `__Host-gatehouse=${this.cookie}`;
    if (options.json !== undefined) headers['content-type'] ??= 'application/json';
    if (this.csrfToken && options.csrf !== false && method !== 'GET') headers['x-csrf-token'] ??= this.csrfToken;
    const response = await fetch(this.base + url, {
      method,
      headers,
      body: options.body ?? (options.json !== undefined ? JSON.stringify(options.json) : undefined),
      dispatcher: this.dispatcher,
    });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('__Host-gatehouse='));
    if (setCookie) {
      const value = /^__Host-gatehouse=([^;]*)/.exec(setCookie)![1]!;
      this.cookie = value === '' || /Max-Age=0/i.test(setCookie) ? undefined : value;
    }
    const text = await response.text();
    let body: any = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: response.status, headers: response.headers as unknown as Headers, body, text };
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, { headers });
  }
  post(url: string, json?: unknown, options: { headers?: Record<string, string>; csrf?: boolean } = {}) {
    return this.request('POST', url, { json: json ?? {}, ...options });
  }
  put(url: string, json?: unknown) {
    return this.request('PUT', url, { json: json ?? {} });
  }

  /** Opens a server-sent event stream with the session cookie; a refusal comes back as a plain answer. */
  async events(url: string, headers: Record<string, string> = {}): Promise<EventStream | Answer> {
    const abort = new AbortController();
    const response = await fetch(this.base + url, {
      headers: { ...headers, ...(this.cookie ? { cookie: `__Host-gatehouse=${this.cookie}` } : {}) },
      dispatcher: this.dispatcher,
      signal: abort.signal,
    });
    if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
      const text = await response.text();
      return { status: response.status, headers: response.headers as unknown as Headers, body: text ? JSON.parse(text) : undefined, text };
    }
    return new EventStream(response, abort);
  }

  /** Signs in and keeps the cookie and CSRF token. */
  async signIn(email: string, password: string): Promise<Answer> {
    const answer = await this.post('/auth/sign-in', { email, password });
    if (answer.status === 200) this.csrfToken = answer.body.csrfToken;
    return answer;
  }
}

/** A running Gatehouse on a random loopback port over real HTTPS, with its own SQLite file. */
export interface TestServer {
  url: string;
  dataDir: string;
  runtime: Runtime;
  server: RunningServer;
  /** A client; `localAddress` binds its sockets to another loopback address (127.0.0.2, …). */
  client(options?: { localAddress?: string }): Client;
  /** The outbox messages, oldest first, once every message handed over so far is written. */
  outbox(): Promise<Array<{ channel: string; to: string; subject: string; text: string; code: string | null; file: string }>>;
  /** The newest code sent to `to`. */
  lastCode(to: string): Promise<string>;
  /** Creates a confirmed user directly in the store. */
  addUser(email: string, password: string, groups?: string[]): Promise<{ id: string }>;
  close(): Promise<void>;
}

// A test file drives one server from 127.0.0.1 far faster than any person: the per-address
// and per-route request limits and the refusal blocks are raised for it unless a test sets
// them (test/shield does). Brute-force counts per account keep their real defaults.
const testLimits = {
  GATEHOUSE_LIMIT_IP_PER_MINUTE: '1000000',
  GATEHOUSE_LIMIT_AUTH_PER_MINUTE: '1000000',
  GATEHOUSE_BLOCK_AFTER_REFUSALS: '1000000',
};

/** Starts a test server; `env` adds GATEHOUSE_* variables. */
export async function startTestServer(env: Record<string, string> = {}, options: RuntimeOptions & { configure?: (config: Config) => void } = {}): Promise<TestServer> {
  const dataDir = tempDataDir();
  // TEST_STORE=postgres puts every test server on a fresh PostgreSQL schema: the whole suite on the other engine.
  const schema = process.env.TEST_STORE === 'postgres' && !env.GATEHOUSE_DATABASE_URL ? await (await import('./postgres.js')).freshPostgresSchema() : undefined;
  const store = schema ? { GATEHOUSE_DATABASE_URL: schema.url, GATEHOUSE_DATABASE_POOL_MAX: '4' } : {};
  const config = loadConfig({ GATEHOUSE_LOG_LEVEL: 'silent', ...testLimits, ...store, ...env }, { dataDir, port: 0 });
  options.configure?.(config);
  // Messages go out in the background; the tests wait for those under way before reading the outbox.
  const outboxWriter = writeToOutbox(dataDir, options.clock ?? (() => Date.now()));
  const pending = new Set<Promise<void>>();
  const deliver: Deliver = (message) => {
    const sending = outboxWriter(message).finally(() => pending.delete(sending));
    pending.add(sending);
    return sending;
  };
  const runtime = await createRuntime(config, { logger: pino({ level: 'silent' }), deliver, ...options });
  const server = await startServer(runtime);
  const dispatcher = new Agent({ connect: { ca: server.certificate } });
  const agents: Agent[] = [];
  const outbox = async () => {
    await Promise.allSettled([...pending]);
    const dir = path.join(dataDir, 'outbox');
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .sort()
      .map((file) => ({ ...JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), file }));
  };
  return {
    url: server.url,
    dataDir,
    runtime,
    server,
    client: (clientOptions = {}) => {
      if (!clientOptions.localAddress) return new Client(server.url, dispatcher);
      const bound = new Agent({ connect: { ca: server.certificate }, localAddress: clientOptions.localAddress });
      agents.push(bound);
      return new Client(server.url, bound);
    },
    outbox,
    async lastCode(to) {
      const message = (await outbox()).filter((m) => m.to === to && m.code).at(-1);
      if (!message) throw new Error(`no code was sent to ${to}`);
      return message.code!;
    },
    addUser: (email, password, groups = []) => createConfirmedUser(runtime, { email, password, groups }, plainTransact(runtime.db)),
    async close() {
      await server.close();
      await Promise.all([dispatcher, ...agents].map((agent) => agent.close()));
      await schema?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
