// The designer's editing session: the document being edited (an undo/redo history over the pure
// editing model), the selection, the keyboard move under way, live diagnostics, and Save with
// its conflict handling. Components call these functions; the edits themselves come from
// src/model/editing and drops from ./designerDrop.
import { useCallback, useState } from "react";
import type { Diagnostic, PipelineDetail, PipelineDocument } from "../ipc/bindings";
import { toIpcError } from "../ipc/client";
import { useFetchLatest, useLiveDiagnostics, useSavePipeline } from "../ipc/queries";
import type { ActionRef } from "../model/artifacts";
import {
  canRedo,
  canUndo,
  commit,
  createHistory,
  isDirty,
  liftAction,
  liftStage,
  moveKey,
  redo,
  redoLabel,
  undo,
  undoLabel,
  type EditResult,
  type EditSelection,
  type History,
  type KeyboardMoveState,
  type MoveStep,
} from "../model/editing";
import { showError, showSuccess } from "./toasts";

interface SessionState {
  /** The saved version the edit started from: `baseVersion` of the save. */
  version: number;
  saved: PipelineDocument;
  /** The saved version's diagnostics (live validation starts from them). */
  known: { doc: PipelineDocument; diagnostics: Diagnostic[] };
  history: History;
  selection: EditSelection | null;
  /** The keyboard move under way and the preview it shows. */
  move: KeyboardMoveState | null;
  preview: PipelineDocument | null;
  /** The stage last focused or edited: Enter on a palette item adds there. */
  lastStage: number | null;
}

/** A save refused because another save came first (E_CONFLICT). */
export interface SaveConflict {
  /** The version this edit started from. */
  opened: number;
  message: string;
}

export interface FocusRequest {
  target: EditSelection;
  /** Changes on every request, so the same target can be focused again. */
  serial: number;
}

function fresh(detail: PipelineDetail): SessionState {
  return {
    version: detail.summary.version,
    saved: detail.document,
    known: { doc: detail.document, diagnostics: detail.diagnostics },
    history: createHistory(detail.document),
    selection: null,
    move: null,
    preview: null,
    lastStage: null,
  };
}

function stageOf(selection: EditSelection | null | undefined): number | null {
  if (!selection) return null;
  return selection.kind === "stage" ? selection.stage : selection.ref.stage;
}

export type EditSession = ReturnType<typeof useEditSession>;

/** The editing session of pipeline `name` (null state while the view is read-only). */
export function useEditSession(name: string) {
  const [state, setState] = useState<SessionState | null>(null);
  const [announcement, setAnnouncement] = useState({ text: "", serial: 0 });
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const [conflict, setConflict] = useState<SaveConflict | null>(null);
  const [busy, setBusy] = useState(false);
  const saveMutation = useSavePipeline();
  const fetchLatest = useFetchLatest();

  const doc = state ? (state.preview ?? state.history.present) : undefined;
  const diagnostics = useLiveDiagnostics(doc, state?.known);

  const announce = useCallback((text: string) => {
    if (text) setAnnouncement((a) => ({ text, serial: a.serial + 1 }));
  }, []);
  const focus = useCallback((target: EditSelection | undefined) => {
    if (target) setFocusRequest((r) => ({ target, serial: (r?.serial ?? 0) + 1 }));
  }, []);

  /** Starts editing `detail` (the latest saved version). */
  const startWith = useCallback((detail: PipelineDetail) => {
    setConflict(null);
    setState(fresh(detail));
  }, []);

  /** Fetches the latest version and starts editing it. */
  const start = useCallback(async () => {
    try {
      startWith(await fetchLatest(name));
    } catch (e) {
      showError(e);
    }
  }, [fetchLatest, name, startWith]);

  /** Leaves edit mode, dropping unsaved edits (ask first: see `dirty`). */
  const stop = useCallback(() => {
    setConflict(null);
    setState(null);
  }, []);

  /**
   * Records a successful edit (every edit goes through here, drops included) and selects and
   * focuses what it says. A failure is shown as an error and changes nothing.
   */
  const apply = useCallback(
    (result: EditResult | null, options: { focus?: boolean; announce?: boolean } = {}): boolean => {
      if (!result) return false;
      if (!result.ok) {
        showError({ code: `E_EDIT`, message: result.error.message });
        return false;
      }
      setState((s) =>
        s && {
          ...s,
          history: commit(s.history, result.doc, result.label),
          selection: result.selection ?? s.selection,
          lastStage: stageOf(result.selection) ?? s.lastStage,
          move: null,
          preview: null,
        },
      );
      if (options.announce !== false) announce(`${result.label}.`);
      if (options.focus !== false) focus(result.selection);
      return true;
    },
    [announce, focus],
  );

  /** For editors that produce a document themselves (the inspector): records it with `label`. */
  const commitDoc = useCallback(
    (next: PipelineDocument, label: string) => {
      setState((s) => s && { ...s, history: commit(s.history, next, label), move: null, preview: null });
    },
    [],
  );

  const step = useCallback(
    (move: MoveStep) => {
      setState((s) => {
        if (!s) return s;
        return {
          ...s,
          history: move.commit ? commit(s.history, move.commit.doc, move.commit.label) : s.history,
          move: move.state,
          preview: move.state ? move.doc : null,
          // The selection refers to the present, which a move changes only when dropped: then an
          // open inspector follows the dropped item.
          selection: move.commit && s.selection ? (move.focus ?? null) : s.selection,
          lastStage: stageOf(move.focus) ?? s.lastStage,
        };
      });
      announce(move.announcement);
      focus(move.focus);
    },
    [announce, focus],
  );

  const undoOne = useCallback(() => {
    if (!state || !canUndo(state.history)) return;
    announce(`${undoLabel(state.history).replace(/^Undo /, "Undid ")}.`);
    setState((s) => s && { ...s, history: undo(s.history), move: null, preview: null });
  }, [state, announce]);

  const redoOne = useCallback(() => {
    if (!state || !canRedo(state.history)) return;
    announce(`${redoLabel(state.history).replace(/^Redo /, "Redid ")}.`);
    setState((s) => s && { ...s, history: redo(s.history), move: null, preview: null });
  }, [state, announce]);

  /** Space on a card or a stage handle: lift it (keyboard move). */
  const liftActionAt = useCallback(
    (ref: ActionRef) => {
      if (!state) return;
      step(liftAction(state.history.present, ref));
    },
    [state, step],
  );
  const liftStageAt = useCallback(
    (index: number) => {
      if (!state) return;
      step(liftStage(state.history.present, index));
    },
    [state, step],
  );

  /** A key while something is lifted; returns whether the key belonged to the move. */
  const moveWithKey = useCallback(
    (key: string): boolean => {
      if (!state?.move) return false;
      const next = moveKey(state.move, key);
      if (!next.handled) return false;
      step(next);
      return true;
    },
    [state, step],
  );

  /** Drops a keyboard move where it started without moving the focus (focus went elsewhere, Tab). */
  const cancelMove = useCallback(() => {
    if (!state?.move) return;
    const cancelled = moveKey(state.move, "Escape");
    setState((s) => s && { ...s, move: null, preview: null });
    announce(cancelled.announcement);
  }, [state, announce]);

  const select = useCallback((selection: EditSelection | null) => {
    setState((s) => s && { ...s, selection, lastStage: stageOf(selection) ?? s.lastStage });
  }, []);

  const noteStage = useCallback((stage: number) => {
    setState((s) => (s && s.lastStage !== stage ? { ...s, lastStage: stage } : s));
  }, []);

  const saveOn = useCallback(
    async (document: PipelineDocument, opened: number, baseVersion: number): Promise<boolean> => {
      setBusy(true);
      try {
        const result = await saveMutation.mutateAsync({ document, baseVersion });
        const v = result.saved.version;
        showSuccess(result.saved.valid ? `Saved version ${v}` : `Saved version ${v} as an invalid draft`);
        setConflict(null);
        setState(null);
        return true;
      } catch (e) {
        const error = toIpcError(e);
        if (error.code === "E_CONFLICT") setConflict({ opened, message: error.message });
        else showError(error);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [saveMutation],
  );

  /** Saves on the version the edit started from; a conflict opens `conflict`. Leaves edit mode when saved. */
  const save = useCallback(async (): Promise<boolean> => {
    if (!state || busy || !isDirty(state.history, state.saved)) return false;
    return saveOn(state.history.present, state.version, state.version);
  }, [state, busy, saveOn]);

  /** After a conflict: saves these edits as a new version on top of the latest. */
  const saveOnLatest = useCallback(async (): Promise<boolean> => {
    if (!state || busy) return false;
    try {
      const latest = await fetchLatest(name);
      return await saveOn(state.history.present, state.version, latest.summary.version);
    } catch (e) {
      showError(e);
      return false;
    }
  }, [state, busy, fetchLatest, name, saveOn]);

  /** After a conflict: drops these edits and edits the latest version. */
  const reload = useCallback(async () => {
    await start();
    announce("Reloaded the latest version.");
  }, [start, announce]);

  const editing = state !== null;
  const history = state?.history;
  return {
    editing,
    /** The document to show: the keyboard move's preview, else the present. */
    doc,
    present: history?.present,
    version: state?.version,
    diagnostics,
    dirty: state ? isDirty(state.history, state.saved) : false,
    canUndo: history ? canUndo(history) : false,
    canRedo: history ? canRedo(history) : false,
    undoTitle: history ? undoLabel(history) : "Undo",
    redoTitle: history ? redoLabel(history) : "Redo",
    selection: state?.selection ?? null,
    move: state?.move ?? null,
    lastStage: state?.lastStage ?? null,
    announcement,
    focusRequest,
    conflict,
    busy,
    start,
    stop,
    apply,
    commitDoc,
    undo: undoOne,
    redo: redoOne,
    liftAction: liftActionAt,
    liftStage: liftStageAt,
    moveWithKey,
    cancelMove,
    select,
    noteStage,
    announce,
    save,
    saveOnLatest,
    reload,
    dismissConflict: () => setConflict(null),
  };
}
