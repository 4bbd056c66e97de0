/**
 * Sets `key` as the newest entry of `map` and drops the oldest beyond `max` (a Map iterates in
 * insertion order): the caches of the hot path stay bounded however many callers they see.
 */
export function setNewest<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as K);
}
