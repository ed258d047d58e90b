import type { Migration } from 'kysely';
import * as initial from './0001_initial.js';
import * as mfa from './0002_mfa.js';
import * as audit from './0003_audit.js';
import * as shield from './0004_shield.js';
import * as tokens from './0005_tokens.js';
import * as channels from './0006_channels.js';
import * as webauthn from './0007_webauthn.js';
import * as advisor from './0008_advisor.js';
import * as sessionSourceKey from './0009_session_source_key.js';

/** Versioned migrations, applied in name order; never edit one that has shipped, add the next. */
export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_mfa': mfa,
  '0003_audit': audit,
  '0004_shield': shield,
  '0005_tokens': tokens,
  '0006_channels': channels,
  '0007_webauthn': webauthn,
  '0008_advisor': advisor,
  '0009_session_source_key': sessionSourceKey,
};
