import { useRef, type KeyboardEvent } from "react";
import type { PipelineSummary } from "../ipc/bindings";
import { formatAbsolute, formatRelative } from "../model/time";

interface PipelineListProps {
  pipelines: PipelineSummary[];
  selected: string | undefined;
  onSelect: (name: string) => void;
  /** Delete key on an item. */
  onRequestDelete: (name: string) => void;
}

/**
 * The pipeline list as a listbox: one tab stop; arrow keys, Home and End move the selection
 * (selection follows focus), Delete asks to delete the focused pipeline.
 */
export function PipelineList({ pipelines, selected, onSelect, onRequestDelete }: PipelineListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const selectedIndex = pipelines.findIndex((p) => p.name === selected);
  const tabIndexOf = (i: number) => (i === (selectedIndex === -1 ? 0 : selectedIndex) ? 0 : -1);

  const focusIndex = (i: number) => {
    const target = pipelines[i];
    if (!target) return;
    onSelect(target.name);
    listRef.current?.querySelectorAll<HTMLElement>('[role="option"]')[i]?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const current = Math.max(0, selectedIndex);
    let next: number | undefined;
    switch (e.key) {
      case "ArrowDown":
        next = Math.min(pipelines.length - 1, current + 1);
        break;
      case "ArrowUp":
        next = Math.max(0, current - 1);
        break;
      case "Home":
        next = 0;
        break;
      case "End":
        next = pipelines.length - 1;
        break;
      case "Delete":
        if (selected !== undefined) {
          e.preventDefault();
          onRequestDelete(selected);
        }
        return;
      default:
        return;
    }
    e.preventDefault();
    focusIndex(next);
  };

  return (
    <ul ref={listRef} role="listbox" aria-label="Pipelines" className="pipeline-list" onKeyDown={onKeyDown}>
      {pipelines.map((p, i) => {
        const metaId = `pipeline-meta-${i}`;
        const isSelected = p.name === selected;
        return (
          <li
            key={p.name}
            role="option"
            aria-selected={isSelected}
            aria-label={p.name}
            aria-describedby={metaId}
            tabIndex={tabIndexOf(i)}
            className={`pipeline-item${isSelected ? " selected" : ""}`}
            onClick={() => focusIndex(i)}
            data-pipeline={p.name}
          >
            <div className="pipeline-item-top">
              <span className="pipeline-item-name">{p.name}</span>
              {!p.valid && <span className="badge badge-invalid">invalid</span>}
            </div>
            <div className="pipeline-item-meta" id={metaId}>
              <span>v{p.version}</span>
              <span aria-hidden="true">·</span>
              <span>{p.pipelineType}</span>
              <span aria-hidden="true">·</span>
              <time dateTime={p.updated} title={`Updated ${formatAbsolute(p.updated)}`}>
                {formatRelative(p.updated)}
              </time>
              {!p.valid && <span className="visually-hidden">, invalid</span>}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
