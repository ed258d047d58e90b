import { beforeAll, describe, expect, it } from 'vitest';

import { loadAuthorizer, type Authorizer } from '../../src/authz/index.js';
import { ask, order, shippedPolicies, store, user } from './fixtures.js';

const owner = user('olivia');
const stranger = user('sid');

describe('orders policies', () => {
  let authorizer: Authorizer;
  beforeAll(async () => {
    authorizer = await loadAuthorizer(shippedPolicies);
  });

  it('lets any user create an order', () => {
    const decision = authorizer.authorize(ask('CreateOrder', [stranger, store]));
    expect(decision).toEqual({ allowed: true, policies: ['orders.customer-creates'], errors: [] });
  });

  it('lets the owner read their order', () => {
    const decision = authorizer.authorize(ask('ReadOrder', [owner, order('123', 'olivia')]));
    expect(decision).toEqual({ allowed: true, policies: ['orders.owner-reads'], errors: [] });
  });

  it('lets the owner check out their order', () => {
    const decision = authorizer.authorize(ask('CheckoutOrder', [owner, order('123', 'olivia')]));
    expect(decision).toEqual({ allowed: true, policies: ['orders.owner-checks-out'], errors: [] });
  });

  it('refuses a non-owner who reads an order', () => {
    const decision = authorizer.authorize(ask('ReadOrder', [stranger, order('123', 'olivia')]));
    expect(decision).toEqual({ allowed: false, policies: [], errors: [] });
  });

  it('refuses a non-owner who checks out an order', () => {
    const decision = authorizer.authorize(ask('CheckoutOrder', [stranger, order('123', 'olivia')]));
    expect(decision).toEqual({ allowed: false, policies: [], errors: [] });
  });

  it('refuses a teacher or an admin on an order they do not own', () => {
    for (const groups of [['teachers'], ['admins']]) {
      const member = user('mo', groups);
      expect(authorizer.authorize(ask('CheckoutOrder', [member, order('123', 'olivia')])).allowed).toBe(false);
    }
  });
});
