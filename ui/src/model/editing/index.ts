/**
 * The pure editing model of the visual designer: positions in a stage, edits, undo/redo and
 * the keyboard move mode. No DOM, no React, no IPC; every function returns new values.
 */
export * from "./result";
export * from "./names";
export * from "./equal";
export * from "./positions";
export * from "./copies";
export * from "./patch";
export * from "./operations";
export * from "./history";
export * from "./keyboardMove";
