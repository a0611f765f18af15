/**
 * xterm.js writes some of its CSS (theme colours, cell sizes, the scrollbar) into `<style>`
 * elements it creates, which the app's Content-Security-Policy (`style-src 'self'`, no
 * 'unsafe-inline') refuses. While a terminal lives, `<style>` elements created through
 * `document.createElement` keep their text in a constructed stylesheet adopted by the document
 * instead (constructed stylesheets are not inline styles, so the policy allows them), and the
 * element itself is an inert `<template>`.
 * Returns the function that undoes it and drops those sheets.
 */
type CreateElement = (this: Document, tagName: string, options?: ElementCreationOptions) => HTMLElement;

export function routeStyleElements(doc: Document): () => void {
  const original: CreateElement = Reflect.get(doc, "createElement");
  const hadOwn = Object.prototype.hasOwnProperty.call(doc, "createElement");
  const sheets: CSSStyleSheet[] = [];
  const patched: CreateElement = function (tagName, options) {
    if (tagName.toLowerCase() !== "style") return original.call(this, tagName, options);
    // A `<template>` stands in for the `<style>`: inserting even an empty `<style>` is refused.
    const el = original.call(this, "template");
    const sheet = new CSSStyleSheet();
    sheets.push(sheet);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    let text = "";
    Object.defineProperty(el, "textContent", {
      configurable: true,
      get: () => text,
      set: (value: string | null) => {
        text = value ?? "";
        sheet.replaceSync(text);
      },
    });
    return el;
  };
  Reflect.set(doc, "createElement", patched);
  return () => {
    if (Reflect.get(doc, "createElement") === patched) {
      if (hadOwn) Reflect.set(doc, "createElement", original);
      else Reflect.deleteProperty(doc, "createElement");
    }
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => !sheets.includes(s));
  };
}
