import { ArrowRightLeft, History, Minus, PenLine, Plus, X } from "lucide-react";
import { useRef, useState } from "react";
import type { Change, ChangeKind, VersionEntry } from "../ipc/bindings";
import { useRestoreVersion, useVersionDiff, useVersions } from "../ipc/queries";
import { formatAbsolute, formatRelative } from "../model/time";

interface VersionsPanelProps {
  name: string;
  onClose: () => void;
  onRestored: (version: number) => void;
}

const KIND_WORDS: Record<ChangeKind, string> = {
  stageAdded: "Stage added",
  stageRemoved: "Stage removed",
  stageMoved: "Stage moved",
  stageChanged: "Stage changed",
  actionAdded: "Action added",
  actionRemoved: "Action removed",
  actionMoved: "Action moved",
  actionChanged: "Action changed",
  pipelineChanged: "Pipeline changed",
};

function KindIcon({ kind }: { kind: ChangeKind }) {
  if (kind.endsWith("Added")) return <Plus size={14} aria-hidden="true" className="change-icon change-added" />;
  if (kind.endsWith("Removed")) return <Minus size={14} aria-hidden="true" className="change-icon change-removed" />;
  if (kind.endsWith("Moved")) return <ArrowRightLeft size={14} aria-hidden="true" className="change-icon change-moved" />;
  return <PenLine size={14} aria-hidden="true" className="change-icon change-changed" />;
}

function ChangeItem({ change }: { change: Change }) {
  const fromTo = change.before !== undefined || change.after !== undefined;
  return (
    <li className="change">
      <KindIcon kind={change.kind} />
      <div className="change-text">
        <span className="change-kind">{KIND_WORDS[change.kind]}</span> <strong>{change.target}</strong>
        {change.field !== undefined && <code className="change-field">{change.field}</code>}
        {fromTo && (
          <div className="change-values">
            <code className="change-before">{change.before ?? "(none)"}</code> → <code className="change-after">{change.after ?? "(none)"}</code>
          </div>
        )}
      </div>
    </li>
  );
}

function DiffView({ name, from, to, versions, onTo }: { name: string; from: number; to: number; versions: number[]; onTo: (v: number) => void }) {
  const diff = useVersionDiff(name, from, to);
  return (
    <section className="details-section" aria-label={`Changes from version ${from} to version ${to}`}>
      <h3 className="diff-heading">
        Version {from} →{" "}
        <select className="input input-small" aria-label="Compare with version" value={to} onChange={(e) => onTo(Number(e.currentTarget.value))}>
          {versions
            .filter((v) => v !== from)
            .map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
        </select>
      </h3>
      {diff.isPending && <p className="muted">Comparing…</p>}
      {diff.isError && (
        <p className="inline-error" role="alert">
          <code>{diff.error.code}</code> {diff.error.message}
        </p>
      )}
      {diff.data && (
        <>
          <p className="muted">{diff.data.summary}</p>
          {diff.data.changes.length > 0 && (
            <ul className="change-list">
              {diff.data.changes.map((c, i) => (
                <ChangeItem key={i} change={c} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function VersionRow({
  entry,
  latest,
  comparing,
  onCompare,
  onRestore,
}: {
  entry: VersionEntry;
  latest: number;
  comparing: boolean;
  onCompare: () => void;
  onRestore: () => void;
}) {
  const isLatest = entry.version === latest;
  return (
    <li className={`version-row${comparing ? " version-row-active" : ""}`} aria-label={`Version ${entry.version}`}>
      <div className="version-head">
        <strong>Version {entry.version}</strong>
        {isLatest && <span className="fact">Latest</span>}
        {!entry.valid && <span className="fact fact-invalid">Invalid</span>}
        <time className="muted" dateTime={entry.created} title={formatAbsolute(entry.created)}>
          {formatRelative(entry.created)}
        </time>
      </div>
      <p className="version-summary">{entry.summary}</p>
      {!isLatest && (
        <div className="version-actions">
          <button type="button" className="button button-small" aria-pressed={comparing} onClick={onCompare}>
            Compare with latest
          </button>
          <button type="button" className="button button-small" onClick={onRestore}>
            Restore…
          </button>
        </div>
      )}
    </li>
  );
}

/** The version list of a pipeline: what changed in each, a diff against the latest, restore. */
export function VersionsPanel({ name, onClose, onRestored }: VersionsPanelProps) {
  const versions = useVersions(name);
  const restore = useRestoreVersion();
  const [compare, setCompare] = useState<number | undefined>(undefined);
  const [compareTo, setCompareTo] = useState<number | undefined>(undefined);
  const [confirm, setConfirm] = useState<number | undefined>(undefined);
  const panelRef = useRef<HTMLElement>(null);
  const list = versions.data ?? [];
  const latest = list[0]?.version ?? 0;
  return (
    <aside className="details" aria-label="Versions" ref={panelRef} tabIndex={-1}>
      <header className="details-header">
        <History size={18} aria-hidden="true" />
        <div className="details-title">
          <h2 className="panel-title">Versions</h2>
          <p className="details-subtitle">Every save is a version; restoring saves an old one again as the newest.</p>
        </div>
        <button type="button" className="icon-button" aria-label="Close versions" title="Close versions (Esc)" onClick={onClose}>
          <X size={18} aria-hidden="true" />
        </button>
      </header>
      {versions.isError && (
        <p className="inline-error" role="alert">
          <code>{versions.error.code}</code> {versions.error.message}
        </p>
      )}
      {confirm !== undefined && (
        <div className="confirm-box" role="alertdialog" aria-label={`Restore version ${confirm}?`}>
          <p>
            Restore version {confirm}? Its definition is saved again as version {latest + 1}; nothing is deleted.
          </p>
          {restore.error && (
            <p className="inline-error" role="alert">
              <code>{restore.error.code}</code> {restore.error.message}
            </p>
          )}
          <div className="version-actions">
            <button type="button" className="button" onClick={() => setConfirm(undefined)}>
              Cancel
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={restore.isPending}
              onClick={() =>
                restore.mutate(
                  { name, version: confirm },
                  {
                    onSuccess: (saved) => {
                      setConfirm(undefined);
                      setCompare(undefined);
                      // The confirmation (and the focused button) is gone: keep focus in the panel.
                      panelRef.current?.focus();
                      onRestored(saved.version);
                    },
                  },
                )
              }
            >
              Restore
            </button>
          </div>
        </div>
      )}
      {compare !== undefined && latest > 0 && (
        <DiffView
          name={name}
          from={compare}
          to={compareTo ?? latest}
          versions={list.map((v) => v.version)}
          onTo={setCompareTo}
        />
      )}
      <ul className="version-list">
        {list.map((v) => (
          <VersionRow
            key={v.version}
            entry={v}
            latest={latest}
            comparing={compare === v.version}
            onCompare={() => {
              setCompare(compare === v.version ? undefined : v.version);
              setCompareTo(undefined);
            }}
            onRestore={() => {
              restore.reset();
              setConfirm(v.version);
            }}
          />
        ))}
      </ul>
    </aside>
  );
}
