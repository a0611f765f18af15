// Imported first by main.tsx, before any module that formats numbers at load time (uPlot does
// `new Intl.NumberFormat(navigator.language)`): a webview started with LANG=C reports the
// language "C", which Intl refuses ("invalid language tag"), and the whole app would fail to
// load. Such a language is replaced by en-US; a valid one is left alone.
export function usableLanguage(language: string | undefined): string | null {
  if (!language) return "en-US";
  try {
    new Intl.NumberFormat(language);
    return null;
  } catch {
    return "en-US";
  }
}

const replacement = typeof navigator === "undefined" ? null : usableLanguage(navigator.language);
if (replacement !== null) {
  Object.defineProperty(navigator, "language", { value: replacement, configurable: true });
  Object.defineProperty(navigator, "languages", { value: [replacement], configurable: true });
}
