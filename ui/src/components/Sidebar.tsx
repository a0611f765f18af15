import { ChartColumn, FileUp, History, Plus, Workflow } from "lucide-react";
import type { PipelineSummary } from "../ipc/bindings";
import { useAppInfo } from "../ipc/queries";
import { PendingApprovals } from "./approvals/PendingApprovals";
import { PipelineList } from "./PipelineList";

interface SidebarProps {
  pipelines: PipelineSummary[] | undefined;
  loading: boolean;
  /** The list could not be loaded: offer to try again. */
  failed: boolean;
  onRetry: () => void;
  selected: string | undefined;
  onSelect: (name: string) => void;
  onNew: () => void;
  onImport: () => void;
  onRequestDelete: (name: string) => void;
  /** Open the History of every pipeline (absent: no History button). */
  onHistory?: () => void;
  /** Whether that History is showing. */
  historyOpen?: boolean;
  /** Open the metrics Dashboard of every pipeline (absent: no Dashboard button). */
  onDashboard?: () => void;
  /** Whether that Dashboard is showing. */
  dashboardOpen?: boolean;
}

export function Sidebar({ pipelines, loading, failed, onRetry, selected, onSelect, onNew, onImport, onRequestDelete, onHistory, historyOpen, onDashboard, dashboardOpen }: SidebarProps) {
  const info = useAppInfo();
  return (
    <aside className="sidebar" aria-label="Sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <Workflow size={18} strokeWidth={2.25} />
        </span>
        <span className="brand-name">Pipewright</span>
      </div>
      <div className="sidebar-actions">
        <button type="button" className="button button-primary" onClick={onNew} aria-keyshortcuts="Control+N">
          <Plus size={16} aria-hidden="true" />
          New pipeline
        </button>
        <button type="button" className="button" onClick={onImport} aria-keyshortcuts="Control+O">
          <FileUp size={16} aria-hidden="true" />
          Import
        </button>
      </div>
      <PendingApprovals onOpenPipeline={onSelect} />
      {onHistory && (
        <div className="sidebar-nav">
          <button type="button" className={`sidebar-nav-item${historyOpen ? " active" : ""}`} onClick={onHistory} aria-current={historyOpen ? "page" : undefined} title="Executions of every pipeline">
            <History size={16} aria-hidden="true" />
            History
          </button>
        </div>
      )}
      {onDashboard && (
        <div className="sidebar-nav">
          <button type="button" className={`sidebar-nav-item${dashboardOpen ? " active" : ""}`} onClick={onDashboard} aria-current={dashboardOpen ? "page" : undefined} title="Metrics of every pipeline">
            <ChartColumn size={16} aria-hidden="true" />
            Dashboard
          </button>
        </div>
      )}
      <div className="sidebar-heading">
        <span>Pipelines</span>
        {pipelines && <span className="count-pill">{pipelines.length}</span>}
      </div>
      <div className="sidebar-list">
        {loading && !failed && <p className="sidebar-note">Loading…</p>}
        {failed && (
          <div className="sidebar-empty">
            <p className="sidebar-empty-title">The pipelines could not be loaded</p>
            <button type="button" className="button" onClick={onRetry}>
              Retry
            </button>
          </div>
        )}
        {pipelines && pipelines.length === 0 && (
          <div className="sidebar-empty">
            <p className="sidebar-empty-title">No pipelines yet</p>
            <p>Create one from a template with New pipeline, or import a CodePipeline definition. You can also drop a YAML or JSON file anywhere on the window.</p>
          </div>
        )}
        {pipelines && pipelines.length > 0 && (
          <PipelineList pipelines={pipelines} selected={selected} onSelect={onSelect} onRequestDelete={onRequestDelete} />
        )}
      </div>
      <div className="sidebar-footer" title={info.data?.dataDir}>
        {info.data ? `Pipewright ${info.data.version}` : " "}
      </div>
    </aside>
  );
}
