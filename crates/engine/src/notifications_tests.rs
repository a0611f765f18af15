use super::*;
use pipewright_core::api::ApprovalView;
use std::collections::BTreeMap;

const EXEC: &str = "0123456789abcdef";

fn event(
    seq: i64,
    pipeline: &str,
    execution_id: &str,
    detail_type: DetailType,
    state: EventState,
    at: Option<(&str, &str)>,
) -> EventRecord {
    EventRecord {
        seq,
        time: "2026-01-01T00:00:00Z".into(),
        detail_type,
        state,
        execution_id: execution_id.into(),
        pipeline_name: pipeline.into(),
        stage_name: at.map(|(s, _)| s.to_string()),
        action_name: at.map(|(_, a)| a.to_string()),
        detail: serde_json::json!({}),
    }
}

fn ended(seq: i64, pipeline: &str, execution_id: &str, state: EventState) -> EventRecord {
    event(
        seq,
        pipeline,
        execution_id,
        DetailType::PipelineExecution,
        state,
        None,
    )
}

fn action_failed(seq: i64, execution_id: &str, stage: &str, action: &str) -> EventRecord {
    event(
        seq,
        "app",
        execution_id,
        DetailType::ActionExecution,
        EventState::Failed,
        Some((stage, action)),
    )
}

fn pending(pipeline: &str, action: &str, kind: &str, requested: &str) -> PendingApproval {
    PendingApproval {
        pipeline_name: pipeline.into(),
        execution_id: EXEC.into(),
        stage_name: "Gate".into(),
        action_name: action.into(),
        approval: ApprovalView {
            kind: kind.into(),
            status: "PENDING".into(),
            requested_time: requested.into(),
            deadline: None,
            decided_time: None,
            decided_by: None,
            comment: None,
            custom_data: None,
            external_link: None,
        },
    }
}

fn on() -> NotificationSettings {
    NotificationSettings {
        enabled: true,
        pipelines: BTreeMap::new(),
    }
}

fn titles(out: &[Notification]) -> Vec<&str> {
    out.iter().map(|n| n.title.as_str()).collect()
}

#[test]
fn each_ended_state_is_announced_once_with_its_wording() {
    let mut watch = NotificationWatch::new(0, &[]);
    let events = [
        ended(1, "a", "e-succeeded-1", EventState::Succeeded),
        ended(2, "b", "e-failed-22", EventState::Failed),
        ended(3, "c", "e-stopped-33", EventState::Stopped),
        ended(4, "d", "e-canceled-4", EventState::Canceled),
    ];
    let out = watch.step(&events, &[], &on());
    assert_eq!(
        titles(&out),
        ["a succeeded", "b failed", "c stopped", "d was cancelled"]
    );
    assert!(out.iter().all(|n| n.kind == NotificationKind::Ended));
    assert_eq!(out[0].body, "Execution e-succee finished.");
    assert_eq!(out[1].body, "Execution e-failed failed.");
    assert_eq!(out[2].body, "Execution e-stoppe was stopped.");
    assert_eq!(out[3].body, "Execution e-cancel was cancelled.");
    assert_eq!(out[1].pipeline, "b");
    assert_eq!(out[1].execution_id, "e-failed-22");
    assert_eq!(watch.cursor(), 4);
    // The same events again (a re-read from an older cursor) are not announced twice.
    assert!(watch.step(&events, &[], &on()).is_empty());
}

#[test]
fn starts_stops_in_progress_and_superseded_are_not_announced() {
    let mut watch = NotificationWatch::new(0, &[]);
    let events = [
        ended(1, "a", EXEC, EventState::Started),
        ended(2, "a", EXEC, EventState::Stopping),
        ended(3, "a", EXEC, EventState::Resumed),
        ended(4, "a", "older", EventState::Superseded),
        event(
            5,
            "a",
            EXEC,
            DetailType::StageExecution,
            EventState::Failed,
            Some(("Build", "")),
        ),
        event(
            6,
            "a",
            EXEC,
            DetailType::ActionExecution,
            EventState::Succeeded,
            Some(("Build", "Compile")),
        ),
    ];
    assert!(watch.step(&events, &[], &on()).is_empty());
    assert_eq!(watch.cursor(), 6);
}

#[test]
fn a_failure_names_the_first_action_that_failed_in_that_execution() {
    let mut watch = NotificationWatch::new(10, &[]);
    let events = [
        action_failed(11, EXEC, "Build", "Compile"),
        action_failed(12, EXEC, "Build", "Lint"),
        action_failed(13, "other-execution", "Test", "Unit"),
        ended(14, "app", EXEC, EventState::Failed),
    ];
    let out = watch.step(&events, &[], &on());
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].title, "app failed");
    assert_eq!(out[0].body, "Build › Compile failed in execution 01234567.");
    // The other execution's failure is remembered for when it ends, in a later step.
    let out = watch.step(
        &[ended(15, "app", "other-execution", EventState::Failed)],
        &[],
        &on(),
    );
    assert_eq!(out[0].body, "Test › Unit failed in execution other-ex.");
    // Once announced, the failed action is forgotten: a retry that fails elsewhere names it.
    let out = watch.step(
        &[
            action_failed(16, EXEC, "Deploy", "Ship"),
            ended(17, "app", EXEC, EventState::Failed),
        ],
        &[],
        &on(),
    );
    assert_eq!(out[0].body, "Deploy › Ship failed in execution 01234567.");
}

#[test]
fn events_at_or_before_the_start_cursor_are_not_replayed() {
    let mut watch = NotificationWatch::new(5, &[]);
    let out = watch.step(
        &[
            ended(4, "old", "x", EventState::Succeeded),
            ended(5, "old", "y", EventState::Failed),
            ended(6, "new", "z", EventState::Succeeded),
        ],
        &[],
        &on(),
    );
    assert_eq!(titles(&out), ["new succeeded"]);
    assert_eq!(watch.cursor(), 6);
}

#[test]
fn a_waiting_approval_is_announced_once_and_again_when_asked_anew() {
    let already = pending("app", "Before", "APPROVAL", "2026-01-01T00:00:00Z");
    let mut watch = NotificationWatch::new(0, std::slice::from_ref(&already));
    // Pending when the watch started: not announced.
    assert!(watch
        .step(&[], std::slice::from_ref(&already), &on())
        .is_empty());

    let mut gate = pending("app", "Release", "APPROVAL", "2026-01-01T00:01:00Z");
    gate.approval.custom_data = Some("\n  Check the staging site first.\nSecond line".into());
    let out = watch.step(&[], &[already.clone(), gate.clone()], &on());
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].kind, NotificationKind::Waiting);
    assert_eq!(out[0].title, "app waits for approval");
    assert_eq!(out[0].body, "Gate › Release: Check the staging site first.");
    assert_eq!(out[0].execution_id, EXEC);
    // Still pending: nothing new.
    assert!(watch
        .step(&[], &[already.clone(), gate.clone()], &on())
        .is_empty());
    // Decided, then asked again after a retry (a new request time): announced again.
    assert!(watch.step(&[], &[], &on()).is_empty());
    let mut again = gate.clone();
    again.approval.requested_time = "2026-01-01T00:05:00Z".into();
    again.approval.custom_data = None;
    let out = watch.step(&[], &[again], &on());
    assert_eq!(titles(&out), ["app waits for approval"]);
    assert_eq!(
        out[0].body,
        "Approve or reject Gate › Release in Pipewright."
    );
}

#[test]
fn a_pause_point_asks_to_continue_and_long_custom_data_is_cut() {
    let mut watch = NotificationWatch::new(0, &[]);
    let pause = pending("app", "Deploy", "PAUSE", "t1");
    let mut long = pending("app", "Sign", "APPROVAL", "t2");
    long.approval.custom_data = Some("x".repeat(300));
    let out = watch.step(&[], &[pause, long], &on());
    assert_eq!(out[0].title, "app is paused");
    assert_eq!(
        out[0].body,
        "Paused before Gate › Deploy. Continue it in Pipewright."
    );
    let asked = out[1].body.strip_prefix("Gate › Sign: ").unwrap();
    let mut held = pending("app", "Make", "PAUSE", "t3");
    held.approval.custom_data = Some(format!(
        "Gate/Make failed; {}: open a terminal",
        crate::scheduler::approval::DEBUG_HOLD_MARK
    ));
    let out2 = watch.step(&[], &[held], &on());
    assert_eq!(titles(&out2), ["app holds a failed container"]);
    assert_eq!(asked.chars().count(), 120);
    assert!(asked.ends_with('…'));
}

#[test]
fn per_pipeline_settings_filter_and_the_state_still_advances() {
    let mut settings = on();
    settings.pipelines.insert("quiet".into(), false);
    let mut watch = NotificationWatch::new(0, &[]);
    let out = watch.step(
        &[
            ended(1, "quiet", "q1", EventState::Failed),
            ended(2, "loud", "l1", EventState::Succeeded),
        ],
        &[pending("quiet", "Gate", "APPROVAL", "t")],
        &settings,
    );
    assert_eq!(titles(&out), ["loud succeeded"]);
    // Turned back on: what was filtered is not replayed (the approval counts as seen).
    let out = watch.step(&[], &[pending("quiet", "Gate", "APPROVAL", "t")], &on());
    assert!(out.is_empty());
    assert_eq!(watch.cursor(), 2);

    // Everything off except one pipeline that overrides the switch.
    let mut only = NotificationSettings {
        enabled: false,
        pipelines: BTreeMap::new(),
    };
    only.pipelines.insert("loud".into(), true);
    let out = watch.step(
        &[
            ended(3, "quiet", "q2", EventState::Succeeded),
            ended(4, "other", "o1", EventState::Succeeded),
            ended(5, "loud", "l2", EventState::Failed),
        ],
        &[],
        &only,
    );
    assert_eq!(titles(&out), ["loud failed"]);
}

#[test]
fn a_burst_is_capped_with_a_summary_of_the_rest() {
    let mut watch = NotificationWatch::new(0, &[]);
    let events: Vec<EventRecord> = (1..=7)
        .map(|i| {
            ended(
                i,
                if i % 2 == 0 { "even" } else { "odd" },
                &format!("exec-{i}"),
                EventState::Succeeded,
            )
        })
        .collect();
    let waiting = [
        pending("gate", "A", "APPROVAL", "t1"),
        pending("gate", "B", "APPROVAL", "t2"),
    ];
    let out = watch.step(&events, &waiting, &on());
    assert_eq!(out.len(), MAX_PER_STEP);
    assert!(out[..MAX_PER_STEP - 1]
        .iter()
        .all(|n| n.kind == NotificationKind::Ended));
    let summary = out.last().unwrap();
    assert_eq!(summary.kind, NotificationKind::Summary);
    // 9 in all: 4 shown, 5 summed up (3 ended, 2 waiting).
    assert_eq!(summary.title, "5 more in Pipewright");
    assert_eq!(
        summary.body,
        "3 more executions ended; 2 more wait for approval (odd, even, gate)."
    );
    assert!(summary.pipeline.is_empty());

    // Exactly the cap: no summary.
    let out = watch.step(
        &(8..8 + MAX_PER_STEP as i64)
            .map(|i| ended(i, "p", "e", EventState::Failed))
            .collect::<Vec<_>>(),
        &[],
        &on(),
    );
    assert_eq!(out.len(), MAX_PER_STEP);
    assert!(out.iter().all(|n| n.kind == NotificationKind::Ended));
}

#[test]
fn one_more_of_each_is_worded_in_the_singular() {
    let mut watch = NotificationWatch::new(0, &[]);
    let events: Vec<EventRecord> = (1..=MAX_PER_STEP as i64)
        .map(|i| ended(i, "p", "e", EventState::Succeeded))
        .collect();
    let out = watch.step(&events, &[pending("g", "A", "APPROVAL", "t")], &on());
    assert_eq!(
        out.last().unwrap().body,
        "1 more execution ended; 1 more waits for approval (p, g)."
    );
}

#[test]
fn a_stored_approval_converts_to_the_ipc_shape() {
    let record = ApprovalRecord {
        action_execution_id: "ae".into(),
        execution_id: EXEC.into(),
        pipeline_name: "app".into(),
        stage_name: "Gate".into(),
        action_name: "Release".into(),
        kind: "APPROVAL".into(),
        status: "PENDING".into(),
        requested_time: "t".into(),
        deadline: Some("d".into()),
        decided_time: None,
        decided_by: None,
        comment: None,
        custom_data: Some("Ship it?".into()),
        external_link: Some("https://example.com".into()),
    };
    let p = pending_approval(&record);
    assert_eq!(p.pipeline_name, "app");
    assert_eq!(p.stage_name, "Gate");
    assert_eq!(p.action_name, "Release");
    assert_eq!(p.approval.requested_time, "t");
    assert_eq!(p.approval.deadline.as_deref(), Some("d"));
    assert_eq!(p.approval.custom_data.as_deref(), Some("Ship it?"));
    assert_eq!(
        p.approval.external_link.as_deref(),
        Some("https://example.com")
    );
}
