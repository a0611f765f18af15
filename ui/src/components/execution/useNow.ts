import { useEffect, useState } from "react";

/** The current time, renewed every `everyMs` while `ticking` (elapsed times of running parts). */
export function useNow(ticking: boolean, everyMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!ticking) return;
    const tick = () => setNow(new Date());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, everyMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [ticking, everyMs]);
  return now;
}
