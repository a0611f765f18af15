import type { MetricsRange } from "../../ipc/bindings";
import { RANGES } from "../../model/metrics";

/** "Time range": 7 days, 30 days, 90 days, All time (radio buttons; arrow keys move). */
export function RangeSelector({ value, onChange }: { value: MetricsRange; onChange: (r: MetricsRange) => void }) {
  return (
    <fieldset className="dashboard-range">
      <legend>Time range</legend>
      {RANGES.map((r) => (
        <label key={r.value} className={`history-chip${r.value === value ? " on" : ""}`}>
          <input type="radio" name="metrics-range" value={r.value} checked={r.value === value} onChange={() => onChange(r.value)} />
          {r.label}
        </label>
      ))}
    </fieldset>
  );
}
