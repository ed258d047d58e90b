import type { Runtime } from '../runtime/Runtime.js';
import type { ApiFetch } from './api/callApi.js';

/** What every group of pages is built from: the instance, and the API to call in process. */
export interface PageDeps {
  runtime: Runtime;
  api: ApiFetch;
}
