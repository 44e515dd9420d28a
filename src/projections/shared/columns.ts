/* Read-model columns are named after the events' fields in snake_case (customerExternalId: customer_external_id). */

const snakeCase = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * The fields given as columns of the same names in snake_case, all of them or those of `only`: a field left
 * `undefined` (not in a partial change) is left out, `null` is kept, and a list is stored as JSON.
 */
export function columnsOf<F extends object>(fields: F, only?: readonly (keyof F & string)[]): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined || (only && !only.includes(field as keyof F & string))) continue;
    columns[snakeCase(field)] = Array.isArray(value) ? JSON.stringify(value) : value;
  }
  return columns;
}

/** The columns that say whose a hub row is: its hub, its program and, for a customer's row, its customer. */
export const ownerColumns = (data: { hubId: string; programId: string; customerId?: string }) =>
  columnsOf(data, ['hubId', 'programId', 'customerId']);
