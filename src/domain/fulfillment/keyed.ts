/**
 * An immutable map from string keys, for what a decider's state holds per order (a promotion's budget, a reward's
 * units): a change copies one of its buckets, not the whole map, so folding the n-th order stays cheap however many
 * came before (a plain object copied by every event made a promotion's fold quadratic in its orders).
 */
export interface Keyed<V> {
  readonly size: number;
  readonly buckets: ReadonlyArray<Readonly<Record<string, V>> | undefined>;
}

const BUCKETS = 256;

const bucketOf = (key: string): number => {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0;
  return (hash >>> 0) % BUCKETS;
};

export const emptyKeyed = <V>(): Keyed<V> => ({ size: 0, buckets: [] });

export const keyedGet = <V>(map: Keyed<V>, key: string): V | undefined => {
  const bucket = map.buckets[bucketOf(key)];
  return bucket && Object.hasOwn(bucket, key) ? bucket[key] : undefined;
};

export const keyedHas = <V>(map: Keyed<V>, key: string): boolean => {
  const bucket = map.buckets[bucketOf(key)];
  return bucket !== undefined && Object.hasOwn(bucket, key);
};

export function keyedSet<V>(map: Keyed<V>, key: string, value: V): Keyed<V> {
  const index = bucketOf(key);
  const bucket = map.buckets[index];
  const buckets = [...map.buckets];
  buckets[index] = { ...bucket, [key]: value };
  return { size: map.size + (bucket && Object.hasOwn(bucket, key) ? 0 : 1), buckets };
}

export function keyedDelete<V>(map: Keyed<V>, key: string): Keyed<V> {
  const index = bucketOf(key);
  const bucket = map.buckets[index];
  if (!bucket || !Object.hasOwn(bucket, key)) return map;
  const { [key]: _deleted, ...rest } = bucket;
  const buckets = [...map.buckets];
  buckets[index] = rest;
  return { size: map.size - 1, buckets };
}

/** Every entry, in no particular order (for tests and for reading a state whole). */
export const keyedEntries = <V>(map: Keyed<V>): Array<[string, V]> =>
  map.buckets.flatMap((bucket) => (bucket ? Object.entries(bucket) : []));
