import { useQuery } from "@tanstack/react-query";
import { ChevronDown, ChevronRight, ClipboardCopy, FileText, Folder, FolderOpen, Link2 } from "lucide-react";
import { useState } from "react";
import type { ArtifactView } from "../../ipc/bindings";
import { call } from "../../ipc/client";
import { formatBytes, shortRevision } from "../../model/execution/summary";
import { copyText } from "../../platform";
import { showError, showSuccess } from "../../state/toasts";

/** The entries of one artifact revision, fetched when opened; a clear note once retention removed it. */
function ArtifactFiles({ artifact }: { artifact: ArtifactView }) {
  const files = useQuery({
    queryKey: ["artifact-files", artifact.digest],
    queryFn: () => call("artifact_files", { digest: artifact.digest }),
    staleTime: Infinity,
  });
  if (files.isPending) return <p className="muted artifact-files-note">Loading files…</p>;
  if (files.isError) {
    return (
      <p className="inline-error" role="alert">
        <code>{files.error.code}</code> {files.error.message}
      </p>
    );
  }
  if (!files.data.available) {
    return <p className="details-note artifact-files-note">Retention removed this artifact: its files are no longer kept.</p>;
  }
  return (
    <ul className="artifact-files" aria-label={`Files of ${artifact.name}`}>
      {files.data.files.map((f) => (
        <li key={f.path} className="artifact-file">
          {f.kind === "dir" ? <Folder size={13} aria-hidden="true" /> : f.kind === "symlink" ? <Link2 size={13} aria-hidden="true" /> : <FileText size={13} aria-hidden="true" />}
          <span className="artifact-file-path">{f.path}</span>
          {f.kind === "file" && <span className="muted">{formatBytes(f.size)}</span>}
        </li>
      ))}
      {files.data.files.length === 0 && <li className="muted">No files</li>}
    </ul>
  );
}

function ArtifactItem({ artifact, direction }: { artifact: ArtifactView; direction: "in" | "out" }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="run-artifact" data-digest={artifact.digest}>
      <div className="run-artifact-head">
        <span className={`artifact-badge artifact-${direction}`}>
          {direction}: {artifact.name}
        </span>
        {artifact.available ? (
          <span className="muted">
            {formatBytes(artifact.size)} · {artifact.fileCount} file{artifact.fileCount === 1 ? "" : "s"}
          </span>
        ) : (
          <span className="muted">removed by retention</span>
        )}
      </div>
      <div className="run-artifact-digest" title={`sha256:${artifact.digest}`}>
        sha256:{shortRevision(artifact.digest)}
      </div>
      <div className="run-artifact-actions">
        <button type="button" className="button button-small" aria-expanded={open} onClick={() => setOpen((v) => !v)} aria-label={`Browse files of ${artifact.name}`}>
          {open ? <ChevronDown size={13} aria-hidden="true" /> : <ChevronRight size={13} aria-hidden="true" />}
          Browse files
        </button>
        {artifact.available && (
          <button
            type="button"
            className="button button-small"
            aria-label={`Open files of ${artifact.name}`}
            title="Copy its files into a temporary folder and open it in the file manager"
            onClick={() =>
              void call("open_artifact", { digest: artifact.digest })
                .then((o) => showSuccess(o.opened ? `Opened ${o.path}` : `Copied the files to ${o.path} (no file manager could be started)`))
                .catch(showError)
            }
          >
            <FolderOpen size={13} aria-hidden="true" />
            Open
          </button>
        )}
        {artifact.path !== undefined && (
          <button
            type="button"
            className="button button-small"
            aria-label={`Copy path of ${artifact.name}`}
            title={artifact.path}
            onClick={() =>
              void copyText(artifact.path ?? "")
                .then(() => showSuccess("Copied the path to the clipboard"))
                .catch(showError)
            }
          >
            <ClipboardCopy size={13} aria-hidden="true" />
            Copy path
          </button>
        )}
      </div>
      {open && <ArtifactFiles artifact={artifact} />}
    </li>
  );
}

/** The artifact revisions an action consumed and produced in a run. */
export function ArtifactList({ inputs, outputs }: { inputs: readonly ArtifactView[]; outputs: readonly ArtifactView[] }) {
  if (inputs.length + outputs.length === 0) return <p className="muted">None</p>;
  return (
    <ul className="run-artifacts" aria-label="Run artifacts">
      {inputs.map((a, i) => (
        <ArtifactItem key={`in-${i}-${a.digest}`} artifact={a} direction="in" />
      ))}
      {outputs.map((a, i) => (
        <ArtifactItem key={`out-${i}-${a.digest}`} artifact={a} direction="out" />
      ))}
    </ul>
  );
}
