/** CodePipeline's maximum length for stage, action and artifact names and namespaces. */
export const MAX_NAME_LENGTH = 100;

/**
 * `base` if it is not taken, else `base` with a number: "Build" → "Build2", "Build3"…; a name
 * that already ends in digits counts on from them ("Build2" → "Build3"). Stays within
 * CodePipeline's 100 characters by shortening the stem.
 */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  const match = /^(.*?)(\d+)$/.exec(base);
  const stem = match?.[1] ? match[1] : base;
  let n = match?.[1] && match[2] ? Number(match[2]) + 1 : 2;
  for (;;) {
    const suffix = String(n);
    const candidate = stem.slice(0, MAX_NAME_LENGTH - suffix.length) + suffix;
    if (!used.has(candidate)) return candidate;
    n += 1;
  }
}

/** "Compile", "Compile and Lint", "Compile, Lint and Test": for announcements. */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1] ?? ""}`;
}
