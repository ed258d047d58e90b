import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';

describe('the advisor settings', () => {
  it('default to 3 administrators and 7 days, and take whole numbers of at least 1', () => {
    const config = loadConfig({});
    expect(config.advisorMaxAdmins).toBe(3);
    expect(config.advisorUnconfirmedDays).toBe(7);
    expect(loadConfig({ GATEHOUSE_ADVISOR_MAX_ADMINS: '5', GATEHOUSE_ADVISOR_UNCONFIRMED_DAYS: '30' })).toMatchObject({ advisorMaxAdmins: 5, advisorUnconfirmedDays: 30 });
    expect(() => loadConfig({ GATEHOUSE_ADVISOR_MAX_ADMINS: '0' })).toThrow(/GATEHOUSE_ADVISOR_MAX_ADMINS: must be at least 1/);
    expect(() => loadConfig({ GATEHOUSE_ADVISOR_UNCONFIRMED_DAYS: 'a week' })).toThrow(/GATEHOUSE_ADVISOR_UNCONFIRMED_DAYS: must be a whole number/);
  });
});
