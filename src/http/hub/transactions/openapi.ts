import { documentJobs } from '../jobs/openapi.js';

/** Documents the transaction side of the hub (flow 2): jobs, injection, transactions and their push. */
export function documentTransactions(): void {
  documentJobs();
}
