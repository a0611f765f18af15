// The designer's palette: one item per provider and category it may be used in, grouped by
// category in CodePipeline's order, local providers first. Pure: no React, no IPC.
import type { ActionDeclaration, ProviderSchema } from "../ipc/bindings";

/** CodePipeline's action categories, in the order the palette shows them. */
export const CATEGORY_ORDER = ["Source", "Build", "Test", "Deploy", "Approval", "Invoke", "Compute"] as const;

export interface PaletteItem {
  /** Stable id: "Build/Custom/Container". */
  id: string;
  category: string;
  owner: string;
  provider: string;
  description: string;
  local: boolean;
  runsLocally: boolean;
  /** What adding it inserts (`addAction` makes names unique). */
  template: ActionDeclaration;
}

export interface PaletteGroup {
  category: string;
  items: PaletteItem[];
}

/**
 * A new action of `schema` in `category`: its actionTypeId, every required configuration key
 * with an empty value (validation then says what to fill in), and as many named output
 * artifacts as the provider must produce. Inputs are left for the user to choose.
 */
export function actionTemplate(schema: ProviderSchema, category: string): ActionDeclaration {
  const action: ActionDeclaration = {
    name: schema.provider,
    actionTypeId: { category, owner: schema.owner, provider: schema.provider, version: schema.version },
  };
  const required = schema.configuration.filter((key) => key.required);
  if (required.length > 0) action.configuration = Object.fromEntries(required.map((key) => [key.name, ""]));
  const outputs = schema.outputArtifacts.min;
  if (outputs > 0) {
    action.outputArtifacts = Array.from({ length: outputs }, (_, i) => ({ name: `${schema.provider}Output${i === 0 ? "" : i + 1}` }));
  }
  return action;
}

function categoryRank(category: string): number {
  const i = (CATEGORY_ORDER as readonly string[]).indexOf(category);
  return i < 0 ? CATEGORY_ORDER.length : i;
}

/** The palette's groups: categories in CATEGORY_ORDER (unknown ones last), local providers first, then by name. */
export function paletteGroups(providers: readonly ProviderSchema[]): PaletteGroup[] {
  const groups = new Map<string, PaletteItem[]>();
  for (const schema of providers) {
    for (const category of schema.categories) {
      const item: PaletteItem = {
        id: `${category}/${schema.owner}/${schema.provider}`,
        category,
        owner: schema.owner,
        provider: schema.provider,
        description: schema.description,
        local: schema.local,
        runsLocally: schema.runsLocally,
        template: actionTemplate(schema, category),
      };
      const list = groups.get(category);
      if (list) list.push(item);
      else groups.set(category, [item]);
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => categoryRank(a) - categoryRank(b) || a.localeCompare(b))
    .map(([category, items]) => ({
      category,
      items: items.sort((a, b) => Number(b.local) - Number(a.local) || a.provider.localeCompare(b.provider)),
    }));
}
