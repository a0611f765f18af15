/**
 * `target` with each field of `patch` set; a field set to `undefined` is removed. Existing
 * fields keep their place, new ones come last; fields not in the patch (unknown ones too) stay.
 */
export function applyPatch<T extends object>(target: T, patch: object): T {
  const merged = { ...target, ...patch };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined)) as T;
}
