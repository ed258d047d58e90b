import type { Selectable } from 'kysely';

/** Timestamps are ISO-8601 UTC strings: sortable as text and portable across SQLite and PostgreSQL. */
type Timestamp = string;

/** An account; `password_hash` is null until a password is set (confirmation, reset). */
export interface UsersTable {
  id: string;
  email: string;
  password_hash: string | null;
  confirmed_at: Timestamp | null;
  disabled_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A role, such as `teachers`. */
export interface GroupsTable {
  name: string;
  description: string;
}

/** Membership of a user in a group (a Cedar parent link). */
export interface UserGroupsTable {
  user_id: string;
  group_name: string;
}

/** A signed-in session; only the SHA-256 of its token is kept. */
export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  mfa: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  source_ip: string | null;
  /** `addressKey` of `source_ip` (an IPv6 client's prefix); null for sessions from before migration 0009. */
  source_key: string | null;
  user_agent: string | null;
  /** When the session last proved its user (sign-in or step-up); null means at `created_at`. */
  authenticated_at: Timestamp | null;
}

/** A one-time code sent by e-mail; only its HMAC is kept. */
export interface CodesTable {
  id: string;
  user_id: string;
  purpose: string;
  code_hash: string;
  password_hash: string | null;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
  created_at: Timestamp;
}

/** Tries at the codes of one (user, purpose), in a short window and a day-long one. */
export interface CodeAttemptsTable {
  user_id: string;
  purpose: string;
  short_attempts: number;
  short_window_ends_at: Timestamp;
  day_attempts: number;
  day_window_ends_at: Timestamp;
}

/** A grade of the school app. */
export interface GradesTable {
  id: string;
  student_id: string;
  course: string;
  score: number;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An order of the store app; `items` is JSON. */
export interface OrdersTable {
  id: string;
  owner_id: string;
  status: string;
  items: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One link of the audit chain. */
export interface AuditEventsTable {
  sequence: number;
  event_id: string;
  event_time: Timestamp;
  event_name: string;
  principal_id: string | null;
  /** The whole event as canonical JSON (RFC 8785), the bytes its hash covers. */
  body: string;
  previous_hash: string;
  hash: string;
  /** The event's `errorCode`, for `GET /audit/events?errorCode=` (null on success). */
  error_code: string | null;
}

/** A key that signs audit digests: Ed25519, its own, the private part sealed by the keyring. */
export interface AuditKeysTable {
  fingerprint: string;
  public_key: string;
  private_key: string | null;
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

/** A signed digest over a range of the chain; `body` is its canonical JSON, the bytes signed. */
export interface AuditDigestsTable {
  to_sequence: number;
  from_sequence: number;
  body: string;
  signature: string;
  hash: string;
  key_fingerprint: string;
  created_at: Timestamp;
}

/** The private channel of two users, stored as the sorted pair. */
export interface ChannelsTable {
  id: string;
  member_low: string;
  member_high: string;
  last_sequence: number;
  created_at: Timestamp;
}

/** One message of a channel; `sequence` counts from 1 within the channel; `text` is sealed. */
export interface ChannelMessagesTable {
  id: string;
  channel_id: string;
  sequence: number;
  sender_id: string;
  text: string;
  sent_at: Timestamp;
}

/** A second factor of a user; `secret` is sealed by the keyring. `type` is totp, hotp, sms or webauthn. */
export interface MfaFactorsTable {
  id: string;
  user_id: string;
  type: string;
  label: string;
  secret: string | null;
  counter: number | null;
  last_step: number | null;
  enabled_at: Timestamp | null;
  last_used_at: Timestamp | null;
  created_at: Timestamp;
}

/** A pending second step (`mfaToken`) or first enrolment (`setupToken`); only the token's SHA-256 is kept. */
export interface MfaChallengesTable {
  id: string;
  token_hash: string;
  user_id: string;
  purpose: string;
  session_id: string | null;
  tries: number;
  challenge: string | null;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
  created_at: Timestamp;
}

/** One recovery code; only its HMAC is kept. */
export interface MfaRecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

/** A rate-limiter-flexible record kept in the database (shield). */
export interface ShieldCountersTable {
  key: string;
  points: number;
  expires_at: Timestamp | null;
}

/** A client address blocked for abuse; `strikes` counts its blocks so far. */
export interface ShieldBlocksTable {
  ip: string;
  strikes: number;
  reason: string;
  blocked_at: Timestamp;
  blocked_until: Timestamp;
  lifted_at: Timestamp | null;
}

/** A pen-test window; only the SHA-256 of its token is kept. */
export interface PentestWindowsTable {
  id: string;
  token_hash: string;
  opened_by: string;
  opened_at: Timestamp;
  expires_at: Timestamp;
}

/** An Ed25519 signing key; `private_jwk` is sealed by the keyring. */
export interface SigningKeysTable {
  kid: string;
  public_jwk: string;
  private_jwk: string;
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

/** A refresh token (SHA-256 only) in its rotation family, bound to the session that began it. */
export interface RefreshTokensTable {
  id: string;
  token_hash: string;
  family_id: string;
  session_id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** A machine client (the Cedar principal `Client::"<name>"`). */
export interface ClientsTable {
  id: string;
  name: string;
  created_at: Timestamp;
  disabled_at: Timestamp | null;
}

/** A client secret; only its SHA-256 is kept. */
export interface ClientSecretsTable {
  id: string;
  client_id: string;
  secret_hash: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

/** A registered security key or passkey; `user_handle` is sealed by the keyring. */
export interface WebauthnCredentialsTable {
  id: string;
  user_id: string;
  factor_id: string;
  /** base64url, as the authenticator names it. */
  credential_id: string;
  /** COSE public key, base64url. */
  public_key: string;
  counter: number;
  /** JSON array of transport hints. */
  transports: string;
  device_type: string;
  backed_up: number;
  user_handle: string;
  label: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
}

/** A single-use WebAuthn challenge (registration, confirmation), bound to whoever asked. */
export interface WebauthnChallengesTable {
  id: string;
  user_id: string;
  purpose: string;
  bound_to: string;
  challenge: string;
  user_handle: string | null;
  action: string | null;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
  created_at: Timestamp;
}

/** A sensitive action confirmed with a security key: the action and the assertion over its hash. */
export interface ActionConfirmationsTable {
  id: string;
  user_id: string;
  request_id: string;
  credential_id: string;
  public_key: string;
  action: string;
  action_sha256: string;
  assertion: string;
  created_at: Timestamp;
}

/** A serving instance's heartbeat (advisor): written at start and every minute, removed on close. */
export interface InstancesTable {
  id: string;
  host: string;
  pid: number;
  limiter_store: string;
  started_at: Timestamp;
  last_seen_at: Timestamp;
}

/** One verification of the audit trail and what it found (advisor). */
export interface AuditVerificationsTable {
  id: string;
  ran_at: Timestamp;
  ok: number;
  events_checked: number;
  first_break: string | null;
}

/** The database as Kysely sees it. */
export interface Database {
  users: UsersTable;
  groups: GroupsTable;
  user_groups: UserGroupsTable;
  sessions: SessionsTable;
  codes: CodesTable;
  code_attempts: CodeAttemptsTable;
  grades: GradesTable;
  orders: OrdersTable;
  audit_events: AuditEventsTable;
  audit_keys: AuditKeysTable;
  audit_digests: AuditDigestsTable;
  channels: ChannelsTable;
  channel_messages: ChannelMessagesTable;
  mfa_factors: MfaFactorsTable;
  mfa_challenges: MfaChallengesTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  shield_counters: ShieldCountersTable;
  shield_blocks: ShieldBlocksTable;
  pentest_windows: PentestWindowsTable;
  signing_keys: SigningKeysTable;
  refresh_tokens: RefreshTokensTable;
  clients: ClientsTable;
  client_secrets: ClientSecretsTable;
  webauthn_credentials: WebauthnCredentialsTable;
  webauthn_challenges: WebauthnChallengesTable;
  action_confirmations: ActionConfirmationsTable;
  instances: InstancesTable;
  audit_verifications: AuditVerificationsTable;
}

/** Rows as read. */
export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type CodeRow = Selectable<CodesTable>;
export type GradeRow = Selectable<GradesTable>;
export type OrderRow = Selectable<OrdersTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type AuditKeyRow = Selectable<AuditKeysTable>;
export type AuditDigestRow = Selectable<AuditDigestsTable>;
export type ChannelRow = Selectable<ChannelsTable>;
export type ChannelMessageRow = Selectable<ChannelMessagesTable>;
export type MfaFactorRow = Selectable<MfaFactorsTable>;
export type MfaChallengeRow = Selectable<MfaChallengesTable>;
export type ShieldBlockRow = Selectable<ShieldBlocksTable>;
export type PentestWindowRow = Selectable<PentestWindowsTable>;
export type SigningKeyRow = Selectable<SigningKeysTable>;
export type RefreshTokenRow = Selectable<RefreshTokensTable>;
export type ClientRow = Selectable<ClientsTable>;
export type ClientSecretRow = Selectable<ClientSecretsTable>;
export type WebauthnCredentialRow = Selectable<WebauthnCredentialsTable>;
export type WebauthnChallengeRow = Selectable<WebauthnChallengesTable>;
export type ActionConfirmationRow = Selectable<ActionConfirmationsTable>;
