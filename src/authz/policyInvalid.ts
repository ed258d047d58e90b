import { GatehouseError } from '../errors/GatehouseError.js';

/** Builds the POLICY_INVALID error that stops the server, naming the file and each problem in it. */
export function policyInvalid(file: string, problems: string[]): GatehouseError {
  return new GatehouseError('POLICY_INVALID', `${file}: ${problems.join('; ')}`);
}
