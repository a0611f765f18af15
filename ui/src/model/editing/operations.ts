/** Every editing operation of the designer, action and stage edits alike. */
export {
  addAction,
  deleteAction,
  duplicateAction,
  moveAction,
  moveActionToStage,
  renameAction,
  runInParallelWith,
  updateAction,
  type ActionPatch,
} from "./actionOperations";
export {
  addStage,
  DEFAULT_STAGE_NAME,
  deleteStage,
  duplicateStage,
  moveStage,
  renameStage,
  updateStage,
  type StagePatch,
} from "./stageOperations";
