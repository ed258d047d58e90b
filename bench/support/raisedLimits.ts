/**
 * Throughput benchmarks drive one address far past any person's rate: the request limits and
 * refusal blocks are raised for them (environment variables for loadConfig).
 */
export const raisedLimits = { GATEHOUSE_LIMIT_IP_PER_MINUTE: '100000000', GATEHOUSE_LIMIT_AUTH_PER_MINUTE: '100000000', GATEHOUSE_BLOCK_AFTER_REFUSALS: '100000000' };
