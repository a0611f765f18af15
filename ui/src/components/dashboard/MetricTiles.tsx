import type { Metrics } from "../../ipc/bindings";
import { tiles } from "../../model/metrics";

/** The headline figures: success rate, executions, p50/p95, mean time to recovery, approval wait. */
export function MetricTiles({ metrics }: { metrics: Metrics }) {
  return (
    <ul className="dashboard-tiles" aria-label="Key figures">
      {tiles(metrics).map((t) => (
        <li key={t.label} className="dashboard-tile" aria-label={`${t.label}: ${t.value}`}>
          <span className="dashboard-tile-label">{t.label}</span>
          <span className="dashboard-tile-value">{t.value}</span>
          <span className="dashboard-tile-detail muted">{t.detail}</span>
        </li>
      ))}
    </ul>
  );
}
