import { describe, expect, test } from "vitest";
import { clampZoom, fitZoom, formatZoom, MAX_ZOOM, MIN_FIT_ZOOM, MIN_ZOOM, scrollForZoom, wheelZoom, ZOOM_STEPS, zoomInStep, zoomOutStep } from "./zoom";

describe("clampZoom", () => {
  test("keeps 25–200%", () => {
    expect(clampZoom(0.1)).toBe(MIN_ZOOM);
    expect(clampZoom(3)).toBe(MAX_ZOOM);
    expect(clampZoom(0.8)).toBe(0.8);
    expect(clampZoom(Number.NaN)).toBe(1);
    expect(clampZoom(0.1, 0.05)).toBe(0.1);
  });
});

describe("steps", () => {
  test("in and out walk the steps, and stop at the ends", () => {
    expect(zoomInStep(1)).toBe(1.1);
    expect(zoomOutStep(1)).toBe(0.9);
    expect(zoomInStep(2)).toBe(2);
    expect(zoomOutStep(0.25)).toBe(0.25);
    expect(zoomInStep(0.7)).toBe(0.75);
    expect(zoomOutStep(0.7)).toBe(0.67);
    let z = 1;
    for (let i = 0; i < 20; i++) z = zoomOutStep(z);
    expect(z).toBe(MIN_ZOOM);
    for (let i = 0; i < 20; i++) z = zoomInStep(z);
    expect(z).toBe(MAX_ZOOM);
    expect(ZOOM_STEPS).toContain(1);
  });

  test("after a Fit below 25%, Zoom in goes to 25% and Zoom out stays", () => {
    expect(zoomInStep(0.04)).toBe(0.25);
    expect(zoomOutStep(0.04)).toBe(0.04);
  });
});

describe("wheelZoom", () => {
  test("up zooms in, down out, within the range", () => {
    expect(wheelZoom(1, -100)).toBeGreaterThan(1);
    expect(wheelZoom(1, 100)).toBeLessThan(1);
    expect(wheelZoom(2, -1000)).toBe(2);
    expect(wheelZoom(0.25, 1000)).toBe(0.25);
  });
});

describe("fitZoom", () => {
  test("the smaller of the two ratios, with a margin, never above 100%", () => {
    expect(fitZoom({ width: 2000, height: 500 }, { width: 1016, height: 816 })).toBe(0.5);
    expect(fitZoom({ width: 500, height: 4000 }, { width: 1016, height: 1016 })).toBe(0.25);
    expect(fitZoom({ width: 300, height: 200 }, { width: 1000, height: 800 })).toBe(1);
  });

  test("a huge pipeline fits below the buttons' 25%, down to a floor", () => {
    const z = fitZoom({ width: 30000, height: 700 }, { width: 1100, height: 600 });
    expect(z).toBeLessThan(MIN_ZOOM);
    expect(30000 * z).toBeLessThanOrEqual(1100 - 16);
    expect(fitZoom({ width: 1e7, height: 10 }, { width: 100, height: 100 })).toBe(MIN_FIT_ZOOM);
    expect(fitZoom({ width: 0, height: 0 }, { width: 100, height: 100 })).toBe(1);
  });
});

describe("scrollForZoom", () => {
  test("keeps the point under the pointer in place", () => {
    const s = scrollForZoom({ left: 100, top: 50 }, { x: 200, y: 100 }, 1, 2);
    // Content point under the pointer: (300, 150) at 1 → (600, 300) at 2; minus the pointer.
    expect(s).toEqual({ left: 400, top: 200 });
    expect(scrollForZoom({ left: 0, top: 0 }, { x: 10, y: 10 }, 1, 0.5)).toEqual({ left: 0, top: 0 });
  });
});

test("formatZoom", () => {
  expect(formatZoom(1)).toBe("100%");
  expect(formatZoom(0.6667)).toBe("67%");
  expect(formatZoom(0.05)).toBe("5%");
});
