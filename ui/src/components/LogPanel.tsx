import { LogView } from "./logs/LogView";

interface LogPanelProps {
  executionId: string;
  stageName: string;
  actionName: string;
  attempt?: number;
}

/** An action's log in Action details: the rich log view (components/logs/LogView.tsx). */
export function LogPanel(props: LogPanelProps) {
  return <LogView {...props} />;
}
