const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether an id from outside can be compared with a uuid column: PostgreSQL refuses the comparison (a 500) for anything
 * else.
 */
export const isUuid = (value: string): boolean => UUID.test(value);
