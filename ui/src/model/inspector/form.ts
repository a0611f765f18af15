// The Inspector's form model, derived from the provider schema the core serves
// (`list_providers`). Nothing here repeats the schema: every field comes from
// `ProviderSchema.configuration`.
import type { ActionDeclaration, ActionTypeId, ConfigKeySchema, ConfigValueKind, ProviderSchema } from "../../ipc/bindings";

/** How a configuration key is edited. */
export type InputKind = "text" | "checkbox" | "number" | "select" | "textarea";

export interface ConfigField {
  key: string;
  input: InputKind;
  kind: ConfigValueKind;
  required: boolean;
  description: string;
  /** The value the action has, or "" when the key is absent. */
  value: string;
  /** Whether the key is present in the document. */
  present: boolean;
  /** Shown as the placeholder (text/number) or as the "default" option (select). */
  placeholder?: string;
  /** One line of help for the kind of value ("An absolute path", "A URL", …). */
  hint?: string;
  options?: string[];
  min?: number;
  max?: number;
  /** Whether `#{…}` variable references make sense in this field. */
  variables: boolean;
}

export interface ConfigForm {
  fields: ConfigField[];
  /** Keys present in the document that the schema does not know, in document order. */
  other: [string, string][];
}

/**
 * The schema of an action type: the same owner and provider with the action's category among
 * its categories; else the first with that owner and provider (a category the provider does
 * not support is the validator's business, the form still shows the keys).
 */
export function schemaFor(providers: readonly ProviderSchema[], type: ActionTypeId): ProviderSchema | undefined {
  const same = providers.filter((p) => p.owner === type.owner && p.provider === type.provider);
  return same.find((p) => p.categories.includes(type.category)) ?? same[0];
}

const HINTS: Partial<Record<ConfigValueKind["type"], string>> = {
  absolutePath: "An absolute path on this machine.",
  url: "A URL, e.g. https://example.com/hook.",
  pathOrUrl: "An absolute path or a URL.",
  json: "A JSON value, written as text.",
};

function inputFor(kind: ConfigValueKind): InputKind {
  switch (kind.type) {
    case "bool":
      return "checkbox";
    case "integer":
      return "number";
    case "enum":
      return "select";
    case "json":
      return "textarea";
    default:
      return "text";
  }
}

export function configField(schema: ConfigKeySchema, configuration: Readonly<Record<string, string>> | undefined): ConfigField {
  const present = configuration !== undefined && Object.hasOwn(configuration, schema.name);
  const value = present ? (configuration[schema.name] ?? "") : "";
  const field: ConfigField = {
    key: schema.name,
    input: inputFor(schema.kind),
    kind: schema.kind,
    required: schema.required,
    description: schema.description,
    value,
    present,
    variables: schema.kind.type !== "bool" && schema.kind.type !== "enum" && schema.kind.type !== "integer",
  };
  if (schema.default !== undefined) field.placeholder = schema.default;
  const hint = HINTS[schema.kind.type];
  if (hint !== undefined) field.hint = hint;
  if (schema.kind.type === "enum") {
    // A value the schema does not list stays selectable, so opening the form never changes it.
    field.options = value !== "" && !schema.kind.values.includes(value) ? [...schema.kind.values, value] : [...schema.kind.values];
  }
  if (schema.kind.type === "integer") {
    if (schema.kind.min !== null) field.min = schema.kind.min;
    if (schema.kind.max !== null) field.max = schema.kind.max;
  }
  return field;
}

/** The configuration form of an action: one field per schema key, then the unknown keys. */
export function configForm(schema: ProviderSchema | undefined, configuration: Readonly<Record<string, string>> | undefined): ConfigForm {
  const keys = schema?.configuration ?? [];
  const known = new Set(keys.map((k) => k.name));
  return {
    fields: keys.map((k) => configField(k, configuration)),
    other: Object.entries(configuration ?? {}).filter(([k]) => !known.has(k)),
  };
}

/** Whether a checkbox shows as checked: the value, else the default. */
export function boolChecked(field: ConfigField): boolean {
  const value = field.present ? field.value : (field.placeholder ?? "false");
  return value.trim().toLowerCase() === "true";
}

/**
 * The configuration with `key` set to `value`; an empty value removes the key (the API has no
 * empty configuration values). Returns undefined for an empty map, so the key disappears.
 * Existing keys keep their place.
 */
export function setConfigValue(
  configuration: Readonly<Record<string, string>> | undefined,
  key: string,
  value: string,
): Record<string, string> | undefined {
  const next: Record<string, string> = Object.fromEntries(Object.entries(configuration ?? {}).filter(([k]) => value !== "" || k !== key));
  if (value !== "") next[key] = value;
  return Object.keys(next).length === 0 ? undefined : next;
}

/** The configuration without `key`. */
export function removeConfigKey(configuration: Readonly<Record<string, string>> | undefined, key: string): Record<string, string> | undefined {
  return setConfigValue(configuration, key, "");
}

/** Is `value` acceptable for an integer field (empty is: it removes the key)? */
export function integerProblem(field: Pick<ConfigField, "min" | "max">, value: string): string | undefined {
  if (value.trim() === "") return undefined;
  if (!/^-?\d+$/.test(value.trim())) return "Enter a whole number.";
  const n = Number(value);
  if (field.min !== undefined && n < field.min) return `At least ${field.min}.`;
  if (field.max !== undefined && n > field.max) return `At most ${field.max}.`;
  return undefined;
}

/** Text with one entry per line → the list (blank lines dropped, entries trimmed at the end). */
export function linesToList(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.replace(/\s+$/, ""))
    .filter((l) => l.trim() !== "");
}

/** The list as one entry per line. */
export function listToLines(list: readonly string[] | undefined): string {
  return (list ?? []).join("\n");
}

/** Which optional parts of an action the form shows: what the schema supports, or what the document already has. */
export interface ActionSections {
  commands: boolean;
  commandsRequired: boolean;
  outputVariables: boolean;
  environmentVariables: boolean;
  outputFiles: boolean;
  /** `pipewright` local settings (image, timeoutMinutes, cpus, memory). */
  local: boolean;
  /** `timeoutInMinutes` (the API's, Manual approval only). */
  approvalTimeout: boolean;
}

export function actionSections(schema: ProviderSchema | undefined, action: ActionDeclaration): ActionSections {
  return {
    commands: (schema ? schema.commands !== "forbidden" : false) || action.commands !== undefined,
    commandsRequired: schema?.commands === "required",
    outputVariables: (schema?.outputVariables ?? false) || action.outputVariables !== undefined,
    environmentVariables: (schema?.environmentVariables ?? false) || action.environmentVariables !== undefined,
    outputFiles: (schema?.outputFiles ?? false) || (action.outputArtifacts ?? []).some((o) => o.files !== undefined),
    local: (schema?.runsLocally ?? false) || action.pipewright !== undefined,
    approvalTimeout: action.actionTypeId.category === "Approval" || action.timeoutInMinutes !== undefined,
  };
}

/** The range of artifacts as words: "exactly 1", "0 to 10", "none". */
export function countLabel(min: number, max: number): string {
  if (max === 0) return "none";
  if (min === max) return `exactly ${min}`;
  return `${min} to ${max}`;
}
