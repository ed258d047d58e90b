// Cedar is the policy language AWS Verified Permissions runs (DESIGN.md). The `nodejs` entry
// loads the wasm synchronously with `fs`; the package's default entry imports a `.wasm` module,
// which plain Node ESM cannot.
export {
  checkParseSchema,
  policySetTextToParts,
  policyToJson,
  preparsePolicySet,
  preparseSchema,
  statefulIsAuthorized,
  validate,
} from '@cedar-policy/cedar-wasm/nodejs';
export type { AuthorizationAnswer, CheckParseAnswer, Context, DetailedError, Entities } from '@cedar-policy/cedar-wasm/nodejs';
