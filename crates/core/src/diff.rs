//! A structural diff between two pipeline documents, for the version list and the diff view:
//! stages and actions added, removed and moved; stage, action and pipeline fields changed.
//!
//! Stages are matched by name. Actions are matched by stage and name; an action that left one
//! stage and appeared in another with the same name and action type counts as moved. A stage
//! whose place among the stages both versions share changed counts as moved, as does an
//! action whose runOrder changed.

use crate::model::{ActionDeclaration, PipelineDocument, StageDeclaration};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

/// What kind of change a [`Change`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ChangeKind {
    StageAdded,
    StageRemoved,
    StageMoved,
    StageChanged,
    ActionAdded,
    ActionRemoved,
    ActionMoved,
    ActionChanged,
    PipelineChanged,
}

/// One difference. `target` names what changed (`Build`, `Build/Compile`, or `pipeline`);
/// `field` the changed field for the `…Changed` kinds (`configuration.Image`, `commands`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub kind: ChangeKind,
    pub target: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// The old value or place, as compact JSON or words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub before: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub after: Option<String>,
}

/// Every change from `old` to `new`, and a one-line summary ("2 actions added, 1 moved").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PipelineDiff {
    pub changes: Vec<Change>,
    pub summary: String,
}

/// Fields that are not content: the version number is assigned by saving.
const IGNORED_PIPELINE_FIELDS: &[&str] = &["stages", "version"];

pub fn diff(old: &PipelineDocument, new: &PipelineDocument) -> PipelineDiff {
    let mut changes = Vec::new();
    diff_stages(&old.pipeline.stages, &new.pipeline.stages, &mut changes);
    diff_actions(&old.pipeline.stages, &new.pipeline.stages, &mut changes);
    let (a, b) = (to_value(&old.pipeline), to_value(&new.pipeline));
    for (field, before, after) in field_changes(&a, &b, IGNORED_PIPELINE_FIELDS) {
        changes.push(changed(
            ChangeKind::PipelineChanged,
            "pipeline",
            field,
            before,
            after,
        ));
    }
    let summary = summarize(&changes);
    PipelineDiff { changes, summary }
}

fn diff_stages(old: &[StageDeclaration], new: &[StageDeclaration], out: &mut Vec<Change>) {
    let names = |stages: &[StageDeclaration]| -> Vec<String> {
        stages.iter().map(|s| s.name.clone()).collect()
    };
    let (a, b) = (names(old), names(new));
    for name in a.iter().filter(|n| !b.contains(n)) {
        out.push(simple(ChangeKind::StageRemoved, name));
    }
    for name in b.iter().filter(|n| !a.contains(n)) {
        out.push(simple(ChangeKind::StageAdded, name));
    }
    let shared_a: Vec<&String> = a.iter().filter(|n| b.contains(n)).collect();
    let shared_b: Vec<&String> = b.iter().filter(|n| a.contains(n)).collect();
    let kept = lcs(&shared_a, &shared_b);
    for name in shared_b.iter().filter(|n| !kept.contains(n)) {
        let from = a.iter().position(|x| x == *name).unwrap_or(0);
        let to = b.iter().position(|x| x == *name).unwrap_or(0);
        out.push(Change {
            kind: ChangeKind::StageMoved,
            target: (*name).clone(),
            field: None,
            before: Some(format!("position {}", from + 1)),
            after: Some(format!("position {}", to + 1)),
        });
    }
    for stage in new {
        if let Some(before) = old.iter().find(|s| s.name == stage.name) {
            let (x, y) = (to_value(before), to_value(stage));
            for (field, b, a) in field_changes(&x, &y, &["actions", "name"]) {
                out.push(changed(ChangeKind::StageChanged, &stage.name, field, b, a));
            }
        }
    }
}

struct Placed<'a> {
    stage: &'a str,
    action: &'a ActionDeclaration,
}

fn placed(stages: &[StageDeclaration]) -> Vec<Placed<'_>> {
    stages
        .iter()
        .flat_map(|s| {
            s.actions.iter().map(move |action| Placed {
                stage: &s.name,
                action,
            })
        })
        .collect()
}

fn diff_actions(old: &[StageDeclaration], new: &[StageDeclaration], out: &mut Vec<Change>) {
    let (a, b) = (placed(old), placed(new));
    let same = |x: &Placed, y: &Placed| x.stage == y.stage && x.action.name == y.action.name;
    let mut gone: Vec<&Placed> = a.iter().filter(|x| !b.iter().any(|y| same(x, y))).collect();
    let mut pairs: Vec<(&Placed, &Placed)> = Vec::new();
    let mut added: Vec<&Placed> = Vec::new();
    for y in &b {
        if let Some(x) = a.iter().find(|x| same(x, y)) {
            pairs.push((x, y));
            continue;
        }
        // The same action in another stage: moved.
        let moved = gone.iter().position(|x| {
            x.action.name == y.action.name && x.action.action_type_id == y.action.action_type_id
        });
        match moved {
            Some(i) => {
                let x = gone.remove(i);
                out.push(Change {
                    kind: ChangeKind::ActionMoved,
                    target: format!("{}/{}", y.stage, y.action.name),
                    field: None,
                    before: Some(format!("stage {}", x.stage)),
                    after: Some(format!("stage {}", y.stage)),
                });
                pairs.push((x, y));
            }
            None => added.push(y),
        }
    }
    for x in gone {
        out.push(simple(
            ChangeKind::ActionRemoved,
            &format!("{}/{}", x.stage, x.action.name),
        ));
    }
    for y in added {
        out.push(simple(
            ChangeKind::ActionAdded,
            &format!("{}/{}", y.stage, y.action.name),
        ));
    }
    for (x, y) in pairs {
        let target = format!("{}/{}", y.stage, y.action.name);
        let (ra, rb) = (
            x.action.run_order.unwrap_or(1),
            y.action.run_order.unwrap_or(1),
        );
        if x.stage == y.stage && ra != rb {
            out.push(Change {
                kind: ChangeKind::ActionMoved,
                target: target.clone(),
                field: Some("runOrder".into()),
                before: Some(format!("runOrder {ra}")),
                after: Some(format!("runOrder {rb}")),
            });
        }
        let (va, vb) = (to_value(x.action), to_value(y.action));
        for (field, before, after) in field_changes(&va, &vb, &["name", "runOrder"]) {
            out.push(changed(
                ChangeKind::ActionChanged,
                &target,
                field,
                before,
                after,
            ));
        }
    }
}

/// Top-level fields of two objects that differ, skipping `ignored`; `configuration` and the
/// `pipewright` object are compared key by key (`configuration.Image`).
fn field_changes(
    a: &Value,
    b: &Value,
    ignored: &[&str],
) -> Vec<(String, Option<String>, Option<String>)> {
    let empty = serde_json::Map::new();
    let (a, b) = (
        a.as_object().unwrap_or(&empty),
        b.as_object().unwrap_or(&empty),
    );
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out = Vec::new();
    for key in keys {
        if ignored.contains(&key.as_str()) {
            continue;
        }
        let (x, y) = (a.get(key), b.get(key));
        if x == y {
            continue;
        }
        let nested = matches!(key.as_str(), "configuration" | "pipewright")
            && x.is_none_or(Value::is_object)
            && y.is_none_or(Value::is_object);
        if nested {
            for (field, before, after) in
                field_changes(x.unwrap_or(&Value::Null), y.unwrap_or(&Value::Null), &[])
            {
                out.push((format!("{key}.{field}"), before, after));
            }
        } else {
            out.push((key.clone(), x.map(compact), y.map(compact)));
        }
    }
    out
}

/// The longest common subsequence of two name lists (names are unique in each).
fn lcs<'a>(a: &[&'a String], b: &[&'a String]) -> Vec<&'a String> {
    let (n, m) = (a.len(), b.len());
    let mut t = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i][j] = if a[i] == b[j] {
                t[i + 1][j + 1] + 1
            } else {
                t[i + 1][j].max(t[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            out.push(a[i]);
            i += 1;
            j += 1;
        } else if t[i + 1][j] >= t[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

fn to_value<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn compact(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn simple(kind: ChangeKind, target: &str) -> Change {
    Change {
        kind,
        target: target.to_string(),
        field: None,
        before: None,
        after: None,
    }
}

fn changed(
    kind: ChangeKind,
    target: &str,
    field: String,
    before: Option<String>,
    after: Option<String>,
) -> Change {
    Change {
        kind,
        target: target.to_string(),
        field: Some(field),
        before,
        after,
    }
}

fn summarize(changes: &[Change]) -> String {
    use ChangeKind::*;
    let count = |kinds: &[ChangeKind]| changes.iter().filter(|c| kinds.contains(&c.kind)).count();
    // Changed fields count once per action or stage.
    let distinct = |kind: ChangeKind| {
        let mut targets: Vec<&str> = changes
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| c.target.as_str())
            .collect();
        targets.sort_unstable();
        targets.dedup();
        targets.len()
    };
    let parts: Vec<String> = [
        (count(&[StageAdded]), "stage", "added"),
        (count(&[StageRemoved]), "stage", "removed"),
        (count(&[StageMoved]), "stage", "moved"),
        (distinct(StageChanged), "stage", "changed"),
        (count(&[ActionAdded]), "action", "added"),
        (count(&[ActionRemoved]), "action", "removed"),
        (distinct(ActionMoved), "action", "moved"),
        (distinct(ActionChanged), "action", "changed"),
        (count(&[PipelineChanged]), "pipeline setting", "changed"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, noun, verb)| format!("{n} {noun}{} {verb}", if n == 1 { "" } else { "s" }))
    .collect();
    if parts.is_empty() {
        "No changes".to_string()
    } else {
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{parse_document, ParseOptions};

    fn doc(yaml: &str) -> PipelineDocument {
        parse_document(yaml, &ParseOptions::default())
            .document
            .expect("parses")
    }

    const BASE: &str = r#"
pipeline:
  name: p
  version: 1
  stages:
    - name: Source
      actions:
        - name: Src
          actionTypeId: {category: Source, owner: Custom, provider: Directory, version: "1"}
          configuration: {Path: /src}
          outputArtifacts: [{name: S}]
    - name: Build
      actions:
        - name: Compile
          actionTypeId: {category: Build, owner: Custom, provider: Container, version: "1"}
          runOrder: 1
          configuration: {Image: "a:1"}
          inputArtifacts: [{name: S}]
        - name: Lint
          actionTypeId: {category: Test, owner: Custom, provider: Container, version: "1"}
          runOrder: 1
          configuration: {Image: "a:1"}
          inputArtifacts: [{name: S}]
    - name: Test
      actions:
        - name: Unit
          actionTypeId: {category: Test, owner: Custom, provider: Container, version: "1"}
          configuration: {Image: "a:1"}
          inputArtifacts: [{name: S}]
"#;

    fn kinds(d: &PipelineDiff) -> Vec<(ChangeKind, String, Option<String>)> {
        d.changes
            .iter()
            .map(|c| (c.kind, c.target.clone(), c.field.clone()))
            .collect()
    }

    #[test]
    fn identical_documents_and_a_new_version_number_have_no_changes() {
        let a = doc(BASE);
        let b = doc(&BASE.replace("version: 1", "version: 7"));
        let d = diff(&a, &b);
        assert!(d.changes.is_empty(), "{d:#?}");
        assert_eq!(d.summary, "No changes");
    }

    #[test]
    fn configuration_keys_runorder_and_moves_between_stages() {
        let a = doc(BASE);
        let text = BASE
            .replace(
                "configuration: {Image: \"a:1\"}\n          inputArtifacts: [{name: S}]\n        - name: Lint",
                "configuration: {Image: \"a:2\", Extra: x}\n          inputArtifacts: [{name: S}]\n        - name: Lint",
            )
            .replace(
                "          runOrder: 1\n          configuration: {Image: \"a:1\"}\n          inputArtifacts: [{name: S}]\n    - name: Test",
                "          runOrder: 2\n          configuration: {Image: \"a:1\"}\n          inputArtifacts: [{name: S}]\n    - name: Test",
            );
        let b = doc(&text);
        let d = diff(&a, &b);
        let k = kinds(&d);
        assert!(k.contains(&(
            ChangeKind::ActionChanged,
            "Build/Compile".into(),
            Some("configuration.Image".into())
        )));
        assert!(k.contains(&(
            ChangeKind::ActionChanged,
            "Build/Compile".into(),
            Some("configuration.Extra".into())
        )));
        assert!(k.contains(&(
            ChangeKind::ActionMoved,
            "Build/Lint".into(),
            Some("runOrder".into())
        )));
        let image = d
            .changes
            .iter()
            .find(|c| c.field.as_deref() == Some("configuration.Image"))
            .unwrap();
        assert_eq!(
            (image.before.as_deref(), image.after.as_deref()),
            (Some("a:1"), Some("a:2"))
        );
        assert_eq!(d.summary, "1 action moved, 1 action changed");
    }

    #[test]
    fn stages_added_removed_moved_and_actions_moved_across_stages() {
        let a = doc(BASE);
        let mut b = a.clone();
        // Lint leaves Build for Test; Test and Build swap; a Deploy stage appears; Source goes.
        let lint = b.pipeline.stages[1].actions.remove(1);
        b.pipeline.stages[2].actions.push(lint);
        b.pipeline.stages.swap(1, 2);
        let mut deploy = b.pipeline.stages[1].clone();
        deploy.name = "Deploy".into();
        deploy.actions.truncate(1);
        deploy.actions[0].name = "Ship".into();
        b.pipeline.stages.push(deploy);
        b.pipeline.stages.remove(0);
        let d = diff(&a, &b);
        let k = kinds(&d);
        assert!(k.contains(&(ChangeKind::StageRemoved, "Source".into(), None)));
        assert!(k.contains(&(ChangeKind::StageAdded, "Deploy".into(), None)));
        assert!(k.contains(&(ChangeKind::ActionMoved, "Test/Lint".into(), None)));
        assert!(k.contains(&(ChangeKind::ActionRemoved, "Source/Src".into(), None)));
        assert!(k.contains(&(ChangeKind::ActionAdded, "Deploy/Ship".into(), None)));
        assert_eq!(
            k.iter()
                .filter(|(kind, _, _)| *kind == ChangeKind::StageMoved)
                .count(),
            1,
            "one of the two swapped stages moved: {k:?}"
        );
    }

    #[test]
    fn pipeline_fields_are_reported_by_name() {
        let a = doc(BASE);
        let b = doc(&BASE.replace("  version: 1\n", "  version: 1\n  executionMode: QUEUED\n"));
        let d = diff(&a, &b);
        assert_eq!(
            kinds(&d),
            vec![(
                ChangeKind::PipelineChanged,
                "pipeline".into(),
                Some("executionMode".into())
            )]
        );
        assert_eq!(d.changes[0].after.as_deref(), Some("QUEUED"));
        assert_eq!(d.summary, "1 pipeline setting changed");
    }
}
