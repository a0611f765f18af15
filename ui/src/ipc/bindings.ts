// Generated from crates/core/src/api.rs by `UPDATE_BINDINGS=1 cargo test -p pipewright-core --test bindings`.
// Do not edit by hand: a test fails when this file differs from what Rust generates.
/* eslint-disable */

export type Severity = "error" | "warning" | "info";

export type Diagnostic = { 
/**
 * Stable code such as `E_ARTIFACT_UNDEFINED` or `W_UNKNOWN_FIELD`.
 */
code: string, severity: Severity, 
/**
 * JSON pointer relative to the pipeline declaration, e.g. `/stages/1/actions/0/inputArtifacts/0`.
 * Empty for the whole document.
 */
path: string, message: string, };

/**
 * The error every command returns on failure.
 */
export type IpcError = { 
/**
 * Stable code such as `E_NOT_FOUND`, `E_CONFLICT`, `E_INVALID_PIPELINE`.
 */
code: string, message: string, };

/**
 * One row of the pipeline list (shaped like `list --json`, plus what the list screen shows).
 */
export type PipelineSummary = { name: string, version: number, pipelineType: string, executionMode: string, 
/**
 * RFC 3339 UTC
 */
created: string, 
/**
 * RFC 3339 UTC
 */
updated: string, valid: boolean, stageCount: number, actionCount: number, 
/**
 * Executions recorded for this pipeline (deleting asks first when non-zero).
 */
executionCount: number, };

/**
 * A pipeline version with its document, YAML text and diagnostics.
 */
export type PipelineDetail = { summary: PipelineSummary, document: PipelineDocument, yaml: string, diagnostics: Array<Diagnostic>, };

export type GetPipelineArgs = { name: string, 
/**
 * A specific version; the latest when absent.
 */
version?: number, };

export type CreatePipelineArgs = { name: string, 
/**
 * Template id from `list_templates` (e.g. `source-build-test-deploy`).
 */
template: string, };

/**
 * One pipeline per environment from a template: `<name>-<environment>` each, differing only
 * in the default of their `environment` variable.
 */
export type CreateEnvironmentSetArgs = { name: string, template: string, environments: Array<string>, };

/**
 * A copy of a pipeline's latest version under a new name, with some variable defaults
 * changed (e.g. `environment` = `staging`).
 */
export type DuplicatePipelineArgs = { name: string, newName: string, variables: Array<RunVariable>, };

export type TemplateInfo = { id: string, title: string, description: string, };

export type ImportArgs = { 
/**
 * The file's text (YAML or JSON, native or CodePipeline).
 */
text: string, 
/**
 * Save under this name instead of the document's.
 */
name?: string, 
/**
 * Save even when invalid (as a version marked invalid).
 */
draft: boolean, 
/**
 * Path of the file it came from, to resolve relative paths against its folder.
 */
sourcePath?: string, };

export type ImportResult = { 
/**
 * The saved pipeline, or nothing when the text was invalid and not a draft.
 */
saved?: PipelineSummary, diagnostics: Array<Diagnostic>, };

export type ExportFormatArg = "yaml" | "json" | "codepipeline";

export type ExportArgs = { name: string, format: ExportFormatArg, version?: number, };

export type ExportResult = { text: string, 
/**
 * Suggested file name, e.g. `my-pipeline.json`.
 */
fileName: string, diagnostics: Array<Diagnostic>, };

/**
 * Export a document that need not be saved (the designer's draft) in one of the export
 * formats, with the same conversion and warnings as `export_pipeline`. A document with errors
 * is refused for CodePipeline JSON (`E_INVALID_PIPELINE`, as `pipewright export --format
 * codepipeline` refuses an invalid version); YAML and JSON export it as it is.
 */
export type ExportDocumentArgs = { document: PipelineDocument, format: ExportFormatArg, };

export type NameArgs = { name: string, };

export type ValidateArgs = { text: string, };

export type ValidateResult = { valid: boolean, diagnostics: Array<Diagnostic>, };

export type SaveExportArgs = { 
/**
 * Absolute path chosen in the save dialog.
 */
path: string, text: string, };

export type ReadImportFileArgs = { 
/**
 * Absolute path of a file chosen in the open dialog or dropped on the window.
 */
path: string, };

export type AppInfo = { version: string, dataDir: string, 
/**
 * The first-run sample, when this data folder was given one and it still exists.
 */
sample?: SampleInfo, };

/**
 * Where the first-run sample reads its source and deploys to.
 */
export type SampleInfo = { pipeline: string, projectDir: string, deployDir: string, };

/**
 * Sent by the UI once the pipeline list has painted for the first time.
 */
export type AppReadyArgs = { 
/**
 * How many pipelines the first paint showed.
 */
listedPipelines: number, };

/**
 * A pipeline variable override for a run (`--var name=value`).
 */
export type RunVariable = { name: string, value: string, };

/**
 * Validate a document being edited (the designer's live diagnostics).
 */
export type ValidateDocumentArgs = { document: PipelineDocument, };

/**
 * One action type.
 */
export type ProviderSchema = { 
/**
 * `AWS`, `ThirdParty` or `Custom`.
 */
owner: string, provider: string, 
/**
 * Categories this provider may be used in with this schema (e.g. `Directory` is a Source
 * with `Path` and, separately, a Deploy with `TargetPath`).
 */
categories: Array<string>, 
/**
 * Always "1" today (design.md).
 */
version: string, 
/**
 * One line for the palette and the form header.
 */
description: string, 
/**
 * A local provider of design.md (AWS refuses it on export).
 */
local: boolean, 
/**
 * Pipewright can run it on this machine (a local provider or an AWS provider with a
 * faithful local stand-in).
 */
runsLocally: boolean, configuration: Array<ConfigKeySchema>, inputArtifacts: ArtifactCount, outputArtifacts: ArtifactCount, 
/**
 * Whether the action's `commands` list is forbidden, optional or required.
 */
commands: Support, 
/**
 * Whether `outputArtifacts[].files` (globs) may be given.
 */
outputFiles: boolean, 
/**
 * Whether the action's `outputVariables` list may be given.
 */
outputVariables: boolean, 
/**
 * Whether the action's `environmentVariables` list may be given.
 */
environmentVariables: boolean, 
/**
 * The variables the action emits in its namespace.
 */
variables: ProviderVariables, };

/**
 * Inclusive bounds on a number of artifacts.
 */
export type ArtifactCount = { min: number, max: number, };

/**
 * Whether an optional part of an action is accepted.
 */
export type Support = "forbidden" | "optional" | "required";

/**
 * The variables an action emits, referenced downstream as `#{Namespace.Name}`.
 */
export type ProviderVariables = { "kind": "none" } | { "kind": "fixed", names: Array<string>, } | { "kind": "open", names: Array<string>, } | { "kind": "outputVariables" };

/**
 * One configuration key of a provider.
 */
export type ConfigKeySchema = { name: string, required: boolean, kind: ConfigValueKind, description: string, 
/**
 * The value used when the key is absent, if there is one.
 */
default?: string, };

/**
 * The kind of a configuration value. Values are strings as in the API; the kind says which
 * strings are accepted.
 */
export type ConfigValueKind = { "type": "string" } | { "type": "bool" } | { "type": "integer", min: number | null, max: number | null, } | { "type": "enum", values: Array<string>, } | { "type": "absolutePath" } | { "type": "url" } | { "type": "pathOrUrl" } | { "type": "json" };

/**
 * Save an edited document as a new version. `base_version`: the version the edit started
 * from (a newer latest version is a conflict, `E_CONFLICT`); absent for a new pipeline. A
 * document with errors is saved too, as a draft marked invalid.
 */
export type SavePipelineArgs = { document: PipelineDocument, baseVersion?: number, };

export type SaveResult = { saved: PipelineSummary, diagnostics: Array<Diagnostic>, };

/**
 * One saved version, with what changed from the one before.
 */
export type VersionEntry = { version: number, 
/**
 * RFC 3339 UTC
 */
created: string, valid: boolean, 
/**
 * "2 actions added, 1 moved", or "Created" for the first version.
 */
summary: string, };

export type DiffVersionsArgs = { name: string, from: number, to: number, };

/**
 * Save an old version's document again, as the newest version.
 */
export type RestoreVersionArgs = { name: string, version: number, };

/**
 * What kind of change a [`Change`] is.
 */
export type ChangeKind = "stageAdded" | "stageRemoved" | "stageMoved" | "stageChanged" | "actionAdded" | "actionRemoved" | "actionMoved" | "actionChanged" | "pipelineChanged";

/**
 * One difference. `target` names what changed (`Build`, `Build/Compile`, or `pipeline`);
 * `field` the changed field for the `…Changed` kinds (`configuration.Image`, `commands`).
 */
export type Change = { kind: ChangeKind, target: string, field?: string, 
/**
 * The old value or place, as compact JSON or words.
 */
before?: string, after?: string, };

/**
 * Every change from `old` to `new`, and a one-line summary ("2 actions added, 1 moved").
 */
export type PipelineDiff = { changes: Array<Change>, summary: string, };

export type RunPipelineArgs = { name: string, variables: Array<RunVariable>, };

/**
 * Stop a running execution: let in-progress actions finish, or abandon them (their
 * containers are killed), as the console's "Stop and wait" / "Stop and abandon".
 */
export type StopExecutionArgs = { executionId: string, abandon: boolean, };

/**
 * A run handed to a detached worker.
 */
export type RunStarted = { executionId: string, };

export type ExecutionArgs = { executionId: string, };

/**
 * An action's latest state; no status when it never ran ("Not started").
 */
export type ActionView = { actionName: string, 
/**
 * CodePipeline's ActionExecutionStatus (InProgress, Succeeded, Failed, Abandoned).
 */
status?: string, summary?: string, 
/**
 * RFC 3339 UTC
 */
lastStatusChange?: string, 
/**
 * The decision it waits for or got (Manual approvals and pause points).
 */
approval?: ApprovalView, 
/**
 * The stage attempt its latest execution ran in (1 first, then one per retry).
 */
attempt?: number, 
/**
 * RFC 3339 UTC
 */
startTime?: string, 
/**
 * RFC 3339 UTC; absent while it runs.
 */
endTime?: string, exitCode?: number, 
/**
 * Why it failed or was abandoned.
 */
errorSummary?: string, 
/**
 * The image it ran in (with its digest when known).
 */
image?: string, containerId?: string, inputArtifacts?: Array<ArtifactView>, outputArtifacts?: Array<ArtifactView>, outputVariables?: Array<NamedValue>, 
/**
 * The container limits of the version it ran (`pipewright.cpus` / `.memory`).
 */
limits?: ActionLimits, 
/**
 * False once retention (or a cleanup) removed its log file.
 */
logAvailable?: boolean, 
/**
 * The container kept after it failed (keep failed containers is on): a terminal can be
 * opened into it until debugging ends (Continue, closing the terminal, or Stop).
 */
debugContainerId?: string, };

/**
 * A stage's latest state; no status when it never ran.
 */
export type StageView = { stageName: string, status?: string, actions: Array<ActionView>, 
/**
 * The latest attempt (1 first, then one per retry).
 */
attempt?: number, 
/**
 * RFC 3339 UTC, of the latest attempt.
 */
startTime?: string, 
/**
 * RFC 3339 UTC; absent while it runs.
 */
endTime?: string, };

/**
 * One execution with every stage and action of the version it runs.
 */
export type ExecutionView = { executionId: string, 
/**
 * CodePipeline's PipelineExecutionStatus.
 */
status: string, 
/**
 * RFC 3339 UTC
 */
startTime: string, 
/**
 * RFC 3339 UTC
 */
lastUpdateTime: string, stages: Array<StageView>, pipelineName?: string, 
/**
 * The version it runs.
 */
pipelineVersion?: number, trigger?: TriggerView, sourceRevisions?: Array<SourceRevisionView>, 
/**
 * Pipeline variables as resolved at start.
 */
variables?: Array<NamedValue>, 
/**
 * Why it ended as it did, for people.
 */
statusSummary?: string, 
/**
 * Short and stable, e.g. `interrupted`, `timed out`, `stopped`.
 */
statusReason?: string, };

export type ReadLogArgs = { executionId: string, stageName: string, actionName: string, 
/**
 * Byte offset to read from (0 first, then `nextOffset`).
 */
offset: number, 
/**
 * The attempt whose log to read; the latest when absent.
 */
attempt?: number, };

/**
 * Complete lines of an action's log from an offset.
 */
export type LogPage = { text: string, nextOffset: number, 
/**
 * The action has ended and everything has been read.
 */
complete: boolean, };

/**
 * Copy an action's whole log file to `path` (chosen in the save dialog).
 */
export type SaveActionLogArgs = { executionId: string, stageName: string, actionName: string, 
/**
 * The attempt whose log to save; the latest when absent.
 */
attempt?: number, 
/**
 * Absolute path chosen in the save dialog.
 */
path: string, };

/**
 * What `save_action_log` wrote.
 */
export type SavedLog = { path: string, bytes: number, };

/**
 * A decision asked of the user: an AWS `Manual` approval action, or a "pause before" point
 * set for debugging (answered with Continue).
 */
export type ApprovalView = { 
/**
 * `APPROVAL` or `PAUSE`.
 */
kind: string, 
/**
 * `PENDING`, `APPROVED`, `REJECTED`, `TIMED_OUT` or `CANCELLED`.
 */
status: string, 
/**
 * RFC 3339 UTC
 */
requestedTime: string, 
/**
 * RFC 3339 UTC; when a pending approval times out.
 */
deadline?: string, 
/**
 * RFC 3339 UTC
 */
decidedTime?: string, decidedBy?: string, comment?: string, 
/**
 * The action's `CustomData` (what the reviewer is asked).
 */
customData?: string, 
/**
 * The action's `ExternalEntityLink`.
 */
externalLink?: string, };

/**
 * What started an execution (`ExecutionTrigger` in the API).
 */
export type TriggerView = { 
/**
 * StartPipelineExecution | PollForSourceChanges | WebhookV2 | CloudWatchEvent | …
 */
triggerType: string, triggerDetail?: string, };

/**
 * The revision a source action produced (`SourceRevision` in the API).
 */
export type SourceRevisionView = { actionName: string, revisionId?: string, revisionSummary?: string, revisionUrl?: string, };

/**
 * A name and its value: a resolved pipeline variable or an action's output variable.
 */
export type NamedValue = { name: string, value: string, };

/**
 * `list_executions`: a page of executions. Empty lists and blank texts mean "no filter".
 */
export type ListExecutionsArgs = { 
/**
 * One pipeline; every pipeline when absent.
 */
pipeline?: string, 
/**
 * Any of these PipelineExecutionStatus values (`Failed`, `InProgress`, …).
 */
statuses?: Array<string>, 
/**
 * Any of these trigger kinds: `manual`, `source`, `webhook`, `schedule`, `pipeline`,
 * `rollback` (or an API TriggerType such as `WebhookV2`).
 */
triggers?: Array<string>, 
/**
 * The source's BranchName, exactly.
 */
branch?: string, 
/**
 * Started at or after: a date (`2026-11-01`, from its start, UTC), an RFC 3339 time, or a
 * number of days ago (`7d`).
 */
since?: string, 
/**
 * Started until: a date (to its end, UTC), an RFC 3339 time (exclusive) or `7d`.
 */
until?: string, 
/**
 * Rows per page: 1 to 500, 50 when absent.
 */
limit?: number, 
/**
 * The `nextToken` of the page before (`E_INVALID_TOKEN` for any other text).
 */
nextToken?: string, };

/**
 * One row of the History view.
 */
export type ExecutionSummaryView = { executionId: string, pipelineName: string, 
/**
 * The version it runs.
 */
pipelineVersion: number, 
/**
 * CodePipeline's PipelineExecutionStatus.
 */
status: string, statusSummary?: string, trigger: TriggerView, 
/**
 * What started it, grouped: `manual`, `source`, `webhook`, `schedule`, `pipeline`,
 * `rollback`, or `other`.
 */
triggerKind: string, sourceRevisions: Array<SourceRevisionView>, 
/**
 * The source's BranchName (Git sources).
 */
branch?: string, 
/**
 * Pipeline variables as resolved at start.
 */
variables: Array<NamedValue>, 
/**
 * RFC 3339 UTC
 */
startTime: string, 
/**
 * RFC 3339 UTC
 */
lastUpdateTime: string, 
/**
 * From start to end; absent while it runs.
 */
durationMs?: number, };

/**
 * One page of the History view, and the token of the next when more follow.
 */
export type ExecutionPage = { executions: Array<ExecutionSummaryView>, nextToken?: string, };

/**
 * An artifact revision an action consumed or produced.
 */
export type ArtifactView = { name: string, 
/**
 * The revision digest (sha256 of its manifest).
 */
digest: string, 
/**
 * Total size of its files in bytes.
 */
size: number, fileCount: number, 
/**
 * False once retention removed it from the artifact store.
 */
available: boolean, 
/**
 * Where its manifest lies on disk (absent when removed).
 */
path?: string, };

/**
 * The local resource limits of an action's container (`pipewright.cpus` / `.memory`).
 */
export type ActionLimits = { cpus?: number, 
/**
 * As Docker writes it: `512m`, `2g`, or bytes.
 */
memory?: string, };

/**
 * Retry a Failed or Stopped stage of an execution (`pipewright retry ID STAGE`), handed to a
 * detached worker.
 */
export type RetryStageArgs = { executionId: string, stageName: string, 
/**
 * Rerun every action of the stage, not only the failed ones.
 */
allActions: boolean, };

/**
 * The files of one artifact revision.
 */
export type ArtifactFilesArgs = { digest: string, };

/**
 * One entry of an artifact revision.
 */
export type ArtifactFile = { 
/**
 * Relative, `/`-separated.
 */
path: string, 
/**
 * `file`, `symlink` or `dir` (empty folders only).
 */
kind: string, size: number, };

/**
 * An artifact revision's entries, or `available: false` once retention removed it.
 */
export type ArtifactFiles = { available: boolean, files: Array<ArtifactFile>, };

/**
 * A copy of an artifact revision's files in a temporary folder, opened in the file manager.
 */
export type OpenedArtifact = { 
/**
 * The folder (kept until the system clears its temporary files).
 */
path: string, 
/**
 * False when no file manager could be started (the folder is still there).
 */
opened: boolean, };

/**
 * Approve or reject a pending approval (or continue past a pause point).
 */
export type DecideApprovalArgs = { executionId: string, stageName: string, actionName: string, 
/**
 * `true` approves (or continues), `false` rejects.
 */
approve: boolean, comment?: string, };

/**
 * A pending approval anywhere, for the badge and notifications.
 */
export type PendingApproval = { pipelineName: string, executionId: string, stageName: string, actionName: string, approval: ApprovalView, };

/**
 * A disabled transition into a stage.
 */
export type DisabledTransitionView = { stageName: string, reason: string, disabledBy?: string, 
/**
 * RFC 3339 UTC
 */
disabledTime: string, };

/**
 * Enable or disable the transition into a stage (disabling needs a reason).
 */
export type SetTransitionArgs = { name: string, stageName: string, enabled: boolean, reason?: string, };

/**
 * Rerun an execution from a stage on (absent: after its source stages, so with the same
 * source revisions), on its pipeline version and variables, reusing the earlier stages'
 * results.
 */
export type RerunArgs = { executionId: string, fromStage?: string, };

/**
 * Turn a pipeline's desktop notifications on or off (`notifications.enabled.<PIPELINE>`).
 */
export type SetNotificationsArgs = { 
/**
 * The pipeline.
 */
name: string, enabled: boolean, };

/**
 * The dashboard's time range selector.
 */
export type MetricsRange = "24h" | "7d" | "30d" | "90d" | "all";

/**
 * `get_metrics`: one pipeline's metrics, or every pipeline's when `pipeline` is absent.
 */
export type MetricsArgs = { pipeline?: string, range: MetricsRange, };

/**
 * How many executions ended each way (`inProgress`: InProgress or Stopping now).
 */
export type StatusCounts = { total: number, succeeded: number, failed: number, stopped: number, superseded: number, cancelled: number, inProgress: number, };

/**
 * Duration figures in milliseconds; percentiles are nearest-rank. Execution and approval
 * percentiles are exact; stage and action percentiles come from durations rounded down to
 * two significant digits, reported at the bucket's middle: within 5% of the exact value
 * (exact below 100 ms). Means are exact.
 */
export type Durations = { count: number, p50Ms?: number, p95Ms?: number, meanMs?: number, };

/**
 * One UTC day (by the executions' start time).
 */
export type DayMetrics = { 
/**
 * `YYYY-MM-DD` (UTC)
 */
date: string, executions: StatusCounts, 
/**
 * Of the executions that ended.
 */
duration: Durations, };

/**
 * One stage (no `actionName`) or action of one pipeline, over every attempt that ended.
 */
export type StepMetrics = { pipelineName: string, stageName: string, actionName?: string, runs: number, failures: number, failureRate: number, duration: Durations, };

/**
 * The dashboard's numbers, and `pipewright metrics --json`'s.
 */
export type Metrics = { 
/**
 * The pipeline, or absent for every pipeline.
 */
pipelineName?: string, 
/**
 * RFC 3339 UTC (or a `YYYY-MM-DD` date) lower bound of start times; absent for all.
 */
since?: string, 
/**
 * RFC 3339 UTC: when these numbers were computed.
 */
generatedTime: string, executions: StatusCounts, 
/**
 * Succeeded out of the executions that ended Succeeded, Failed or Stopped.
 */
successRate?: number, 
/**
 * Of the executions that ended.
 */
duration: Durations, 
/**
 * Days with executions, oldest first.
 */
perDay: Array<DayMetrics>, stages: Array<StepMetrics>, actions: Array<StepMetrics>, 
/**
 * The actions that failed most, most first (at most ten).
 */
failureHotspots: Array<StepMetrics>, 
/**
 * Recoveries: a pipeline's first failure after a success, to its next success (by end
 * time), counted on the succeeded execution.
 */
recoveries: number, meanTimeToRecoveryMs?: number, 
/**
 * Manual approvals decided (approved, rejected or timed out): request to decision.
 */
approvalWait: Durations, 
/**
 * Manual approvals of these executions still waiting for a decision.
 */
approvalsPending: number, };

/**
 * An action marked "pause before": executions wait before running it until Continue.
 */
export type PausePoint = { stageName: string, actionName: string, };

/**
 * A pipeline's local debug settings (not part of its definition: no new version).
 */
export type DebugSettings = { 
/**
 * Actions marked "pause before", in stage and action order of the latest version.
 */
pausePoints: Array<PausePoint>, 
/**
 * When an action's container fails, keep it (and hold the execution) for a terminal.
 */
keepFailedContainers: boolean, };

/**
 * Mark or unmark one action "pause before".
 */
export type SetPauseBeforeArgs = { pipelineName: string, stageName: string, actionName: string, paused: boolean, };

/**
 * Turn keeping failed containers on or off for a pipeline.
 */
export type SetKeepFailedArgs = { pipelineName: string, keep: boolean, };

/**
 * Open a terminal (`docker exec` with a TTY) into the kept container of a failed action.
 * The UI picks `sessionId` (a UUID) and uses it for input, resize and close.
 */
export type OpenTerminalArgs = { sessionId: string, executionId: string, stageName: string, actionName: string, cols: number, rows: number, };

/**
 * What a terminal session streams: output, then one `exit` when the shell ended.
 */
export type TerminalEvent = { 
/**
 * `output` (text in `data`) or `exit` (the shell ended; `exitCode` when known).
 */
kind: string, 
/**
 * UTF-8 text the shell printed (never splits a character).
 */
data: string, exitCode?: number, };

/**
 * Keys typed into a terminal session.
 */
export type TerminalInputArgs = { sessionId: string, data: string, };

/**
 * The terminal's new size in cells.
 */
export type TerminalResizeArgs = { sessionId: string, cols: number, rows: number, };

/**
 * End a terminal session. Closing the terminal ends debugging: the kept container is
 * removed and the held execution moves on (its stage ends Failed).
 */
export type CloseTerminalArgs = { sessionId: string, };

/**
 * A pipeline file: `{"pipeline": {…}}` as `create-pipeline --cli-input-json` takes it.
 */
export type PipelineDocument = { pipeline: PipelineDeclaration, };

export type PipelineDeclaration = { name: string, roleArn?: string, artifactStore?: ArtifactStore, artifactStores?: { [key in string]: ArtifactStore }, stages: Array<StageDeclaration>, version?: number, 
/**
 * QUEUED | SUPERSEDED | PARALLEL
 */
executionMode?: string, 
/**
 * V1 | V2
 */
pipelineType?: string, variables?: Array<PipelineVariableDeclaration>, triggers?: Array<PipelineTriggerDeclaration>, 
/**
 * Local-only settings; stripped by `export --format codepipeline`.
 */
pipewright?: PipelineLocal, };

export type ArtifactStore = { 
/**
 * S3
 */
type: string, location: string, encryptionKey?: EncryptionKey, };

export type EncryptionKey = { id: string, 
/**
 * KMS
 */
type: string, };

export type StageDeclaration = { name: string, blockers?: Array<BlockerDeclaration>, actions: Array<ActionDeclaration>, onFailure?: FailureConditions, onSuccess?: SuccessConditions, beforeEntry?: BeforeEntryConditions, };

export type BlockerDeclaration = { name: string, 
/**
 * Schedule
 */
type: string, };

export type FailureConditions = { 
/**
 * ROLLBACK | FAIL | RETRY | SKIP
 */
result?: string, retryConfiguration?: RetryConfiguration, conditions?: Array<Condition>, };

export type RetryConfiguration = { 
/**
 * ALL_ACTIONS | FAILED_ACTIONS
 */
retryMode?: string, };

export type SuccessConditions = { conditions: Array<Condition>, };

export type BeforeEntryConditions = { conditions: Array<Condition>, };

export type Condition = { 
/**
 * ROLLBACK | FAIL | RETRY | SKIP
 */
result?: string, rules?: Array<RuleDeclaration>, };

export type RuleDeclaration = { name: string, ruleTypeId: RuleTypeId, configuration?: { [key in string]: string }, commands?: Array<string>, inputArtifacts?: Array<InputArtifact>, roleArn?: string, region?: string, timeoutInMinutes?: number, };

export type RuleTypeId = { 
/**
 * Rule
 */
category: string, 
/**
 * AWS
 */
owner?: string, provider: string, version?: string, };

export type ActionDeclaration = { name: string, actionTypeId: ActionTypeId, runOrder?: number, 
/**
 * Values are strings, as in the API.
 */
configuration?: { [key in string]: string }, commands?: Array<string>, outputArtifacts?: Array<OutputArtifact>, inputArtifacts?: Array<InputArtifact>, outputVariables?: Array<string>, roleArn?: string, region?: string, namespace?: string, 
/**
 * Only for Manual approval actions (5–86400), as in the API.
 */
timeoutInMinutes?: number, environmentVariables?: Array<EnvironmentVariable>, 
/**
 * Local-only settings; stripped by `export --format codepipeline`.
 */
pipewright?: ActionLocal, };

export type ActionTypeId = { 
/**
 * Source | Build | Test | Deploy | Approval | Invoke | Compute
 */
category: string, 
/**
 * AWS | ThirdParty | Custom
 */
owner: string, provider: string, version: string, };

export type InputArtifact = { name: string, };

export type OutputArtifact = { name: string, 
/**
 * Globs relative to the working directory (Commands / Container actions).
 */
files?: Array<string>, };

export type EnvironmentVariable = { name: string, value: string, 
/**
 * PLAINTEXT | SECRETS_MANAGER
 */
type?: string, };

export type PipelineVariableDeclaration = { name: string, defaultValue?: string, description?: string, };

export type PipelineTriggerDeclaration = { 
/**
 * CodeStarSourceConnection
 */
providerType: string, gitConfiguration: GitConfiguration, };

export type GitConfiguration = { sourceActionName: string, push?: Array<GitPushFilter>, pullRequest?: Array<GitPullRequestFilter>, };

export type GitPushFilter = { tags?: GitFilterPatterns, branches?: GitFilterPatterns, filePaths?: GitFilterPatterns, };

export type GitPullRequestFilter = { 
/**
 * OPEN | UPDATED | CLOSED
 */
events?: Array<string>, branches?: GitFilterPatterns, filePaths?: GitFilterPatterns, };

export type GitFilterPatterns = { includes?: Array<string>, excludes?: Array<string>, };

/**
 * Pipeline-level local settings (the `pipewright` object). Reserved for later issues;
 * unknown keys are kept verbatim.
 */
export type PipelineLocal = {  };

/**
 * Action-level local settings (the `pipewright` object), never inside `configuration`.
 */
export type ActionLocal = { 
/**
 * Image to run an AWS action such as CodeBuild or Commands in.
 */
image?: string, 
/**
 * Buildspec override (CodeBuild).
 */
buildspec?: string, 
/**
 * Local run timeout; fractions allowed.
 */
timeoutMinutes?: number, 
/**
 * Local path or URL standing in for an AWS source.
 */
repository?: string, 
/**
 * CPU limit of the action's container, in CPUs (fractions allowed, e.g. 0.5).
 */
cpus?: number, 
/**
 * Memory limit of the action's container, as Docker writes it: `512m`, `2g`, or bytes.
 */
memory?: string, };

/** Every IPC command: its arguments (passed as `{ args }`) and its result. */
export interface Commands {
  app_info: { args: null; result: AppInfo };
  app_ready: { args: AppReadyArgs; result: null };
  list_pipelines: { args: null; result: Array<PipelineSummary> };
  get_pipeline: { args: GetPipelineArgs; result: PipelineDetail };
  list_templates: { args: null; result: Array<TemplateInfo> };
  create_pipeline: { args: CreatePipelineArgs; result: PipelineSummary };
  create_environment_set: { args: CreateEnvironmentSetArgs; result: Array<PipelineSummary> };
  duplicate_pipeline: { args: DuplicatePipelineArgs; result: PipelineSummary };
  import_pipeline: { args: ImportArgs; result: ImportResult };
  read_import_file: { args: ReadImportFileArgs; result: string };
  export_pipeline: { args: ExportArgs; result: ExportResult };
  export_document: { args: ExportDocumentArgs; result: ExportResult };
  save_export: { args: SaveExportArgs; result: null };
  delete_pipeline: { args: NameArgs; result: null };
  validate_text: { args: ValidateArgs; result: ValidateResult };
  validate_document: { args: ValidateDocumentArgs; result: Array<Diagnostic> };
  list_providers: { args: null; result: Array<ProviderSchema> };
  save_pipeline: { args: SavePipelineArgs; result: SaveResult };
  list_versions: { args: NameArgs; result: Array<VersionEntry> };
  diff_versions: { args: DiffVersionsArgs; result: PipelineDiff };
  restore_version: { args: RestoreVersionArgs; result: PipelineSummary };
  run_pipeline: { args: RunPipelineArgs; result: RunStarted };
  stop_execution: { args: StopExecutionArgs; result: null };
  latest_execution: { args: NameArgs; result: ExecutionView | null };
  get_execution: { args: ExecutionArgs; result: ExecutionView };
  retry_stage: { args: RetryStageArgs; result: RunStarted };
  artifact_files: { args: ArtifactFilesArgs; result: ArtifactFiles };
  open_artifact: { args: ArtifactFilesArgs; result: OpenedArtifact };
  decide_approval: { args: DecideApprovalArgs; result: null };
  pending_approvals: { args: null; result: Array<PendingApproval> };
  list_transitions: { args: NameArgs; result: Array<DisabledTransitionView> };
  set_transition: { args: SetTransitionArgs; result: null };
  rerun_execution: { args: RerunArgs; result: RunStarted };
  get_metrics: { args: MetricsArgs; result: Metrics };
  list_executions: { args: ListExecutionsArgs; result: ExecutionPage };
  get_notifications: { args: NameArgs; result: boolean };
  set_notifications: { args: SetNotificationsArgs; result: null };
  save_action_log: { args: SaveActionLogArgs; result: SavedLog };
  get_debug_settings: { args: NameArgs; result: DebugSettings };
  set_pause_before: { args: SetPauseBeforeArgs; result: DebugSettings };
  set_keep_failed_containers: { args: SetKeepFailedArgs; result: DebugSettings };
  terminal_input: { args: TerminalInputArgs; result: null };
  terminal_resize: { args: TerminalResizeArgs; result: null };
  close_terminal: { args: CloseTerminalArgs; result: null };
}

/** Commands that stream values through a channel: arguments (`{ args, onEvent }`) and each event. */
export interface ChannelCommands {
  watch_execution: { args: ExecutionArgs; event: ExecutionView };
  watch_action_log: { args: ReadLogArgs; event: LogPage };
  open_terminal: { args: OpenTerminalArgs; event: TerminalEvent };
}
