import { beforeAll, describe, expect, it } from 'vitest';

import { auditTrailEntity } from '../../src/audit/lookupEvents.js';
import { loadAuthorizer, type Authorizer, type CedarEntity } from '../../src/authz/index.js';
import { ask, shippedPolicies, user } from './fixtures.js';

const trail: CedarEntity = auditTrailEntity;

describe('audit policies', () => {
  let authorizer: Authorizer;
  beforeAll(async () => {
    authorizer = await loadAuthorizer(shippedPolicies);
  });

  it('lets auditors read the trail', () => {
    expect(authorizer.authorize(ask('LookupAuditEvents', [user('ada', ['auditors']), trail]))).toMatchObject({ allowed: true, policies: ['audit.auditors-read'] });
  });

  it('lets root read the trail', () => {
    expect(authorizer.authorize(ask('LookupAuditEvents', [user('root', ['root']), trail]))).toMatchObject({ allowed: true, policies: ['audit.root-reads'] });
  });

  it('refuses everyone else, admins and teachers included', () => {
    for (const groups of [[], ['students'], ['teachers'], ['admins']]) {
      expect(authorizer.authorize(ask('LookupAuditEvents', [user('x', groups), trail])).allowed, groups.join()).toBe(false);
    }
  });
});
