// A minimal W3C WebDriver client (fetch only) for tauri-driver: enough to find elements by
// XPath, click, type, read text and take screenshots. No browser downloads, no dependencies.
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async create(base, application, timeoutMs = 60000) {
    const deadline = Date.now() + timeoutMs;
    let lastError;
    while (Date.now() < deadline) {
      try {
        const res = await request(base, "POST", "/session", {
          capabilities: { alwaysMatch: { "tauri:options": { application } } },
        });
        return new Session(base, res.sessionId ?? res.value.sessionId);
      } catch (e) {
        lastError = e;
        await sleep(250);
      }
    }
    throw new Error(`could not start a WebDriver session: ${lastError}`);
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body).then((r) => r.value);
  }

  async find(xpath, timeoutMs = 15000) {
    const deadline = Date.now() + timeoutMs;
    let lastError;
    while (Date.now() < deadline) {
      try {
        const el = await this.cmd("POST", "/element", { using: "xpath", value: xpath });
        return new Element(this, elementId(el));
      } catch (e) {
        lastError = e;
        await sleep(100);
      }
    }
    throw new Error(`no element for ${xpath}: ${lastError}`);
  }

  async findAll(xpath) {
    const els = await this.cmd("POST", "/elements", { using: "xpath", value: xpath });
    return els.map((e) => new Element(this, elementId(e)));
  }

  /** A PNG of the X display the app is on (see xshot.mjs for why not WebDriver's). */
  async screenshot(file) {
    const { xScreenshot } = await import("./xshot.mjs");
    xScreenshot(file);
  }

  executeScript(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  async delete() {
    await request(this.base, "DELETE", `/session/${this.id}`).catch(() => {});
  }
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }
  cmd(method, path, body) {
    return this.session.cmd(method, `/element/${this.id}${path}`, body);
  }
  click() {
    return this.cmd("POST", "/click", {});
  }
  type(text) {
    return this.cmd("POST", "/value", { text, value: [...text] });
  }
  clear() {
    return this.cmd("POST", "/clear", {});
  }
  text() {
    return this.cmd("GET", "/text");
  }
  attribute(name) {
    return this.cmd("GET", `/attribute/${name}`);
  }
  rect() {
    return this.cmd("GET", "/rect");
  }
}

async function request(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || (json.value && json.value.error)) {
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value ?? json).slice(0, 300)}`);
  }
  return json;
}

/** W3C element reference, or the legacy JSON wire key some drivers still send. */
function elementId(ref) {
  const id = ref?.[ELEMENT] ?? ref?.ELEMENT;
  if (!id) throw new Error(`not an element reference: ${JSON.stringify(ref)}`);
  return id;
}

export function elementRef(el) {
  return { [ELEMENT]: el.id, ELEMENT: el.id };
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** XPath string literal for any text (handles quotes). */
export function lit(s) {
  if (!s.includes("'")) return `'${s}'`;
  return `concat('${s.split("'").join(`', "'", '`)}')`;
}
