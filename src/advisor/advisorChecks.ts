import type { AdvisorCheck } from './AdvisorCheck.js';
import { adminPowersUnguarded } from './checks/adminPowersUnguarded.js';
import { adminsWithoutMfa } from './checks/adminsWithoutMfa.js';
import { auditChainFailing } from './checks/auditChainFailing.js';
import { auditKeyAge } from './checks/auditKeyAge.js';
import { auditVerifiedRecently } from './checks/auditVerifiedRecently.js';
import { certificateExpiry } from './checks/certificateExpiry.js';
import { cookieFlags } from './checks/cookieFlags.js';
import { corsAnyOrigin } from './checks/corsAnyOrigin.js';
import { hstsOff } from './checks/hstsOff.js';
import { legacyTlsAccepted } from './checks/legacyTlsAccepted.js';
import { masterKeyBesideDatabase } from './checks/masterKeyBesideDatabase.js';
import { nodeEndOfLife } from './checks/nodeEndOfLife.js';
import { openListener } from './checks/openListener.js';
import { passwordPolicy } from './checks/passwordPolicy.js';
import { plainHttpContent } from './checks/plainHttpContent.js';
import { policyPermitsAll } from './checks/policyPermitsAll.js';
import { policySchema } from './checks/policySchema.js';
import { rateLimitsInMemory } from './checks/rateLimitsInMemory.js';
import { rateLimitsOff } from './checks/rateLimitsOff.js';
import { rootDailyUse } from './checks/rootDailyUse.js';
import { rootWithoutMfa } from './checks/rootWithoutMfa.js';
import { selfSignedCertificate } from './checks/selfSignedCertificate.js';
import { sessionLifetime } from './checks/sessionLifetime.js';
import { signingKeyAge } from './checks/signingKeyAge.js';
import { tooManyAdmins } from './checks/tooManyAdmins.js';
import { trustedProxiesAll } from './checks/trustedProxiesAll.js';
import { unconfirmedUsers } from './checks/unconfirmedUsers.js';
import { pentestAccountsLeft } from './checks/pentestAccountsLeft.js';
import { vulnerableDependencies } from './checks/vulnerableDependencies.js';

/** Every check the advisor runs, in the order of the report: accounts, policies, TLS and HTTP, limits, keys, audit, software, settings. */
export const advisorChecks: readonly AdvisorCheck[] = [
  rootWithoutMfa,
  rootDailyUse,
  adminsWithoutMfa,
  tooManyAdmins,
  unconfirmedUsers,
  pentestAccountsLeft,
  policyPermitsAll,
  policySchema,
  adminPowersUnguarded,
  selfSignedCertificate,
  certificateExpiry,
  legacyTlsAccepted,
  hstsOff,
  plainHttpContent,
  cookieFlags,
  corsAnyOrigin,
  trustedProxiesAll,
  rateLimitsOff,
  rateLimitsInMemory,
  signingKeyAge,
  auditKeyAge,
  masterKeyBesideDatabase,
  auditVerifiedRecently,
  auditChainFailing,
  vulnerableDependencies,
  nodeEndOfLife,
  openListener,
  passwordPolicy,
  sessionLifetime,
];
