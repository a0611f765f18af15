import {
  Box,
  FlaskConical,
  GitBranch,
  Hammer,
  Rocket,
  SquareTerminal,
  UserCheck,
  Zap,
  type LucideIcon,
} from "lucide-react";
import type { ActionTypeId } from "../ipc/bindings";
import { categoryKey, type Category } from "../model/providers";

const CATEGORY_ICONS: Record<Category | "Other", LucideIcon> = {
  Source: GitBranch,
  Build: Hammer,
  Test: FlaskConical,
  Deploy: Rocket,
  Approval: UserCheck,
  Invoke: Zap,
  Compute: SquareTerminal,
  Other: Box,
};

/** The category's icon on a tinted square. */
export function CategoryIcon({ type, size = 16 }: { type: ActionTypeId; size?: number }) {
  const key = categoryKey(type);
  const Icon = CATEGORY_ICONS[key];
  return (
    <span className={`category-icon category-${key.toLowerCase()}`} aria-hidden="true">
      <Icon size={size} strokeWidth={2} />
    </span>
  );
}
