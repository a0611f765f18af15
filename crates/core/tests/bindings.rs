//! Drift check: the committed TypeScript bindings must equal what Rust generates now.

use std::path::PathBuf;

#[test]
fn typescript_bindings_are_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/ipc/bindings.ts");
    let generated = pipewright_core::api::typescript_bindings();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().expect("bindings path has a parent"))
            .expect("create ui/src/ipc");
        std::fs::write(&path, &generated).expect("write bindings");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/ipc/bindings.ts is out of date with crates/core/src/api.rs; run `UPDATE_BINDINGS=1 cargo test -p pipewright-core --test bindings` and commit the result"
    );
}

/// The browser mock serves the core's provider schema from this generated file, so the UI has
/// one schema (Rust's) in the app and in the browser alike.
#[test]
fn the_mock_s_provider_schema_is_the_core_s() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/ipc/mock/providers.json");
    let generated = serde_json::to_string_pretty(pipewright_core::providers::provider_schemas())
        .expect("serialize the provider schema")
        + "\n";
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).expect("write providers.json");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/ipc/mock/providers.json is out of date with crates/core/src/providers.rs; run `UPDATE_BINDINGS=1 cargo test -p pipewright-core --test bindings` and commit the result"
    );
}
