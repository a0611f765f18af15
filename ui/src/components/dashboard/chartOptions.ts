// uPlot options of the dashboard's charts: UTC days on x, the legend showing the real values
// under the cursor (bars are drawn stacked, the legend says each part's own count).
import uPlot from "uplot";
import { formatMs } from "../../model/metrics";

const utc = (ts: number) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC");
const dayText = (_u: uPlot, v: number | null) => (v === null ? "–" : new Date(v * 1000).toISOString().slice(0, 10));
const AXIS = { stroke: "#5f6b7a", grid: { stroke: "#e9ebed" }, ticks: { stroke: "#d5dbdb" } };
const DAY = 86_400;
/** The x axis: whole days only, as `Nov 30`. */
const DAYS_AXIS: uPlot.Axis = {
  ...AXIS,
  space: 60,
  incrs: [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY, 91 * DAY, 182 * DAY, 364 * DAY],
  values: (_u, ticks) => ticks.map((t) => new Date(t * 1000).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" })),
};

/** Executions per day: succeeded, failed and other (stopped, superseded, running) as stacked bars. */
export function executionChart(raw: [number[], number[], number[], number[]]): { options: Omit<uPlot.Options, "width" | "height">; data: uPlot.AlignedData } {
  const [x, ok, failed, other] = raw;
  const stackedOther = other;
  const stackedFailed = failed.map((f, i) => f + (other[i] ?? 0));
  const stackedOk = ok.map((s, i) => s + (stackedFailed[i] ?? 0));
  const bars = uPlot.paths.bars ? uPlot.paths.bars({ size: [0.7, 28] }) : undefined;
  const own = (values: number[]) => (_u: uPlot, _v: number | null, _s: number, i: number | null) => (i === null ? "–" : String(values[i] ?? 0));
  const series = (label: string, color: string, values: number[]): uPlot.Series => ({
    label,
    stroke: color,
    fill: color,
    width: 0,
    points: { show: false },
    ...(bars ? { paths: bars } : {}),
    value: own(values),
  });
  return {
    options: {
      tzDate: utc,
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [DAYS_AXIS, { ...AXIS, values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : "")) }],
      series: [{ label: "Day", value: dayText }, series("Succeeded", "#037f0c", ok), series("Failed", "#d91515", failed), series("Other", "#aab7b8", other)],
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
    },
    data: [x, stackedOk, stackedFailed, stackedOther],
  };
}

/** Duration p50 and p95 per day (seconds on the scale, shown as durations). */
export function durationChart(data: [number[], (number | null)[], (number | null)[]]): { options: Omit<uPlot.Options, "width" | "height">; data: uPlot.AlignedData } {
  const asDuration = (_u: uPlot, v: number | null) => (v === null ? "–" : formatMs(v * 1000));
  return {
    options: {
      tzDate: utc,
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [DAYS_AXIS, { ...AXIS, size: 64, values: (_u, ticks) => ticks.map((t) => formatMs(t * 1000)) }],
      series: [
        { label: "Day", value: dayText },
        { label: "p50", stroke: "#0972d3", width: 2, spanGaps: true, value: asDuration, points: { size: 5 } },
        { label: "p95", stroke: "#b35a00", width: 2, spanGaps: true, value: asDuration, points: { size: 5 } },
      ],
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
    },
    data,
  };
}
