import { useEffect, useId, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

interface UPlotChartProps {
  title: string;
  /** Options without width and height (the chart takes its container's width). */
  options: Omit<uPlot.Options, "width" | "height">;
  data: uPlot.AlignedData;
  height?: number;
}

/** A uPlot chart in a captioned figure; its legend shows the values under the cursor. */
export function UPlotChart({ title, options, data, height = 200 }: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const width = () => Math.max(240, Math.floor(el.clientWidth));
    const chart = new uPlot({ ...options, width: width(), height }, data, el);
    const resize = new ResizeObserver(() => chart.setSize({ width: width(), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [options, data, height]);
  return (
    <figure className="dashboard-chart" aria-labelledby={id}>
      <figcaption id={id} className="dashboard-section-title">
        {title}
      </figcaption>
      <div ref={box} className="dashboard-chart-plot" />
    </figure>
  );
}
