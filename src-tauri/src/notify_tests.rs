//! The watcher over a real store in a temporary folder: what it reads, in what order, and
//! what the rules make of it (without the plugin: sending is a closure).

use super::*;
use pipewright_engine::notifications::NotificationKind;
use pipewright_store::execution::approvals::{ApprovalKind, NewApproval};
use pipewright_store::execution::*;
use pipewright_store::SaveBase;

fn save(store: &mut Store, name: &str) {
    let doc = serde_json::from_value(serde_json::json!({"pipeline": {
        "name": name,
        "stages": [
            {"name": "Build", "actions": [{"name": "Compile", "runOrder": 1,
                "actionTypeId": {"category": "Build", "owner": "Custom", "provider": "Container", "version": "1"},
                "configuration": {"Image": "pipewright/busybox:local"}}]},
            {"name": "Gate", "actions": [{"name": "Release", "runOrder": 1,
                "actionTypeId": {"category": "Approval", "owner": "AWS", "provider": "Manual", "version": "1"},
                "configuration": {"CustomData": "Ship it?"}}]}
        ]
    }}))
    .unwrap();
    store.save_pipeline(&doc, true, SaveBase::New).unwrap();
}

fn start(store: &mut Store, pipeline: &str, id: &str) {
    store
        .create_execution(&NewExecution {
            id: id.into(),
            pipeline_name: pipeline.into(),
            pipeline_version: 1,
            trigger: Trigger::manual(None),
            variables: vec![],
        })
        .unwrap();
}

fn start_action(store: &mut Store, exec: &str, stage: &str, index: i64, action: &str) -> String {
    store.start_stage(exec, stage, index, None).unwrap();
    let id = format!("{exec}-{stage}-{action}");
    store
        .start_action(&NewActionExecution {
            id: id.clone(),
            execution_id: exec.into(),
            stage_name: stage.into(),
            action_name: action.into(),
            attempt: 1,
            action_type: ActionType {
                category: "Build".into(),
                owner: "Custom".into(),
                provider: "Container".into(),
                version: "1".into(),
            },
            log_path: None,
            inputs: vec![],
        })
        .unwrap();
    id
}

fn end(store: &mut Store, exec: &str, status: PipelineExecutionStatus) {
    store
        .update_execution(exec, &ExecutionUpdate::new(status))
        .unwrap();
}

fn request(store: &mut Store, exec: &str, action_id: &str) {
    store
        .request_approval(&NewApproval {
            action_execution_id: action_id.into(),
            execution_id: exec.into(),
            stage_name: "Gate".into(),
            action_name: "Release".into(),
            kind: ApprovalKind::Approval,
            deadline: None,
            custom_data: Some("Ship it?".into()),
            external_link: None,
        })
        .unwrap();
}

#[test]
fn the_watcher_announces_what_happened_after_it_started_and_obeys_the_switches() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    save(&mut store, "app");
    save(&mut store, "quiet");
    // Before the watcher starts: an ended execution and a pending approval.
    start(&mut store, "app", "old-run");
    end(&mut store, "old-run", PipelineExecutionStatus::Succeeded);
    start(&mut store, "app", "waiting-1");
    let gate = start_action(&mut store, "waiting-1", "Gate", 1, "Release");
    request(&mut store, "waiting-1", &gate);

    let mut watcher = Watcher::open(dir.path()).unwrap();
    assert!(watcher.poll().unwrap().is_empty(), "nothing is replayed");

    // A failed run of app, a succeeded run of quiet (switched off), a new approval.
    store
        .set_setting(
            &pipewright_store::pipeline_notifications_key("quiet"),
            "false",
        )
        .unwrap();
    start(&mut store, "app", "failing-1");
    let compile = start_action(&mut store, "failing-1", "Build", 0, "Compile");
    store
        .finish_action(&compile, &ActionFinish::failed("exit 2", Some(2)))
        .unwrap();
    end(&mut store, "failing-1", PipelineExecutionStatus::Failed);
    start(&mut store, "quiet", "quiet-1");
    end(&mut store, "quiet-1", PipelineExecutionStatus::Succeeded);
    start(&mut store, "app", "waiting-2");
    let gate2 = start_action(&mut store, "waiting-2", "Gate", 1, "Release");
    request(&mut store, "waiting-2", &gate2);

    let out = watcher.poll().unwrap();
    let seen: Vec<(NotificationKind, &str, &str)> = out
        .iter()
        .map(|n| (n.kind, n.title.as_str(), n.body.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            (
                NotificationKind::Ended,
                "app failed",
                "Build › Compile failed in execution failing-."
            ),
            (
                NotificationKind::Waiting,
                "app waits for approval",
                "Gate › Release: Ship it?"
            ),
        ]
    );
    assert_eq!(out[1].execution_id, "waiting-2");
    // Looked at again: nothing new.
    assert!(watcher.poll().unwrap().is_empty());

    // Superseded is not announced; a stopped run is.
    start(&mut store, "app", "superseded-1");
    end(
        &mut store,
        "superseded-1",
        PipelineExecutionStatus::Superseded,
    );
    start(&mut store, "app", "stopped-1");
    end(&mut store, "stopped-1", PipelineExecutionStatus::Stopped);
    let out = watcher.poll().unwrap();
    let titles: Vec<&str> = out.iter().map(|n| n.title.as_str()).collect();
    assert_eq!(titles, ["app stopped"]);
}

#[test]
fn a_failing_sender_is_told_apart_and_does_not_stop_delivery() {
    let note = |title: &str| Notification {
        kind: NotificationKind::Ended,
        title: title.into(),
        body: String::new(),
        pipeline: "p".into(),
        execution_id: "e".into(),
    };
    let mut shown = Vec::new();
    {
        let mut deliver = Deliver::new(|n: &Notification| {
            if n.title == "no server" {
                Err("org.freedesktop.Notifications was not provided".to_string())
            } else {
                shown.push(n.title.clone());
                Ok(())
            }
        });
        let list = [
            note("one"),
            note("no server"),
            note("no server"),
            note("two"),
        ];
        assert_eq!(deliver.all(&list), 2);
        assert!(deliver.failed_before);
    }
    assert_eq!(shown, ["one", "two"]);
}

#[test]
fn opening_on_an_unusable_folder_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    assert!(Watcher::open(&file).is_err());
}
