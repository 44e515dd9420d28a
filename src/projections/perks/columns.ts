/** camelCase event fields to snake_case columns; arrays and objects go to jsonb as JSON text. */
export function toColumns(fields: object, rename: Readonly<Record<string, string>> = {}): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [
        rename[key] ?? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
        value !== null && typeof value === 'object' ? JSON.stringify(value) : value,
      ]),
  );
}
