//! Source providers: Directory and Git (from local repositories made here with git2).

use git2::{Repository, RepositoryInitOptions, Signature, Time};
use pipewright_engine::artifacts::{ArtifactStore, EntryType, Materialize};
use pipewright_engine::sources::{directory, git, SourceErrorKind};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn write(path: &Path, content: &[u8]) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, content).unwrap();
}

#[test]
fn directory_source_snapshots_a_folder_and_explains_bad_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let store = ArtifactStore::open(&tmp.path().join("artifacts")).unwrap();
    let src = tmp.path().join("project");
    write(&src.join(".gitignore"), b"target/\n");
    write(&src.join("src/main.rs"), b"fn main() {}\n");
    write(&src.join("target/debug/app"), b"binary");

    let r = directory::snapshot(&store, src.to_str().unwrap(), true).unwrap();
    assert_eq!(r.file_count, 2);
    let r_all = directory::snapshot(&store, src.to_str().unwrap(), false).unwrap();
    assert_eq!(r_all.file_count, 3);

    let missing = tmp.path().join("nope");
    let err = directory::snapshot(&store, missing.to_str().unwrap(), false).unwrap_err();
    assert_eq!(err.kind, SourceErrorKind::NotFound);
    assert!(err.message.contains("does not exist"), "{}", err.message);

    let file = src.join("src/main.rs");
    let err = directory::snapshot(&store, file.to_str().unwrap(), false).unwrap_err();
    assert_eq!(err.kind, SourceErrorKind::NotAFolder);
    assert!(err.message.contains("is not a folder"), "{}", err.message);

    let err = directory::snapshot(&store, "relative/path", false).unwrap_err();
    assert_eq!(err.kind, SourceErrorKind::Config);
    let err = directory::snapshot(&store, "", false).unwrap_err();
    assert_eq!(err.kind, SourceErrorKind::Config);
}

struct Fixture {
    _tmp: tempfile::TempDir,
    repo_path: std::path::PathBuf,
    main_id: String,
    feature_id: String,
}

fn commit(repo: &Repository, update_ref: &str, message: &str, when: i64) -> git2::Oid {
    let mut index = repo.index().unwrap();
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let author = Signature::new("Ada Lovelace", "ada@example.com", &Time::new(when, 60)).unwrap();
    let committer = Signature::new("CI", "ci@example.com", &Time::new(when + 5, 0)).unwrap();
    let parents = match repo.refname_to_id(update_ref) {
        Ok(id) => vec![repo.find_commit(id).unwrap()],
        Err(_) => vec![],
    };
    let parents: Vec<&git2::Commit> = parents.iter().collect();
    repo.commit(
        Some(update_ref),
        &author,
        &committer,
        message,
        &tree,
        &parents,
    )
    .unwrap()
}

/// A working repository with `main` (two commits) and `feature` (one more commit).
fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let repo_path = tmp.path().join("origin");
    let mut opts = RepositoryInitOptions::new();
    opts.initial_head("main");
    let repo = Repository::init_opts(&repo_path, &opts).unwrap();
    write(&repo_path.join("README.md"), b"# app\n");
    commit(&repo, "refs/heads/main", "Initial commit\n", 1_700_000_000);
    write(&repo_path.join("src/lib.rs"), b"pub fn f() {}\n");
    write(&repo_path.join("build.sh"), b"#!/bin/sh\necho build\n");
    fs::set_permissions(
        repo_path.join("build.sh"),
        fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    std::os::unix::fs::symlink("src/lib.rs", repo_path.join("lib-link")).unwrap();
    let main_id = commit(
        &repo,
        "refs/heads/main",
        "Add the library\n\nWith a body.\n",
        1_700_000_100,
    );
    let main_commit = repo.find_commit(main_id).unwrap();
    repo.branch("feature", &main_commit, false).unwrap();
    write(&repo_path.join("feature.txt"), b"feature\n");
    let feature_id = commit(&repo, "refs/heads/feature", "Feature work\n", 1_700_000_200);
    Fixture {
        _tmp: tmp,
        repo_path,
        main_id: main_id.to_string(),
        feature_id: feature_id.to_string(),
    }
}

#[test]
fn git_checkout_takes_the_branch_tip_with_its_variables() {
    let fx = fixture();
    let tmp = tempfile::tempdir().unwrap();
    let store = ArtifactStore::open(&tmp.path().join("artifacts")).unwrap();
    let work = tmp.path().join("work");
    let repo = fx.repo_path.to_str().unwrap();

    let (rev, vars) = git::checkout(&store, repo, "main", None, &work).unwrap();
    assert_eq!(vars.commit_id, fx.main_id);
    assert_eq!(vars.branch_name, "main");
    assert_eq!(vars.commit_message, "Add the library\n\nWith a body.");
    assert_eq!(vars.author_date, "2023-11-14T22:15:00Z");
    assert_eq!(vars.committer_date, "2023-11-14T22:15:05Z");
    assert_eq!(vars.author_display_name, "Ada Lovelace");
    assert_eq!(vars.repository_name, "origin");
    let map = vars.to_map();
    assert!(map.contains(&("CommitId".to_string(), fx.main_id.clone())));
    assert!(map.contains(&("BranchName".to_string(), "main".to_string())));
    assert!(map.iter().any(|(k, _)| k == "CommitMessage"));
    assert!(map.iter().any(|(k, _)| k == "AuthorDate"));

    let m = store.manifest(&rev.digest).unwrap();
    let paths: Vec<&str> = m.entries.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["README.md", "build.sh", "lib-link", "src/lib.rs"]);
    assert!(m.entries.iter().all(|e| !e.path.starts_with(".git")));
    assert!(m.entries[1].executable);
    assert_eq!(m.entries[2].kind, EntryType::Symlink);
    assert_eq!(m.entries[2].target.as_deref(), Some("src/lib.rs"));

    // The artifact equals a snapshot of the working tree at that commit (minus .git).
    let out = tmp.path().join("out");
    store
        .materialize(&rev.digest, &out, Materialize::WritableCopy)
        .unwrap();
    assert_eq!(
        fs::read(out.join("src/lib.rs")).unwrap(),
        b"pub fn f() {}\n"
    );
    assert!(!out.join(".git").exists());

    // Again (incremental fetch, blob digests remembered): the same revision.
    let (again, _) = git::checkout(&store, repo, "main", None, &work).unwrap();
    assert_eq!(again, rev);

    // The feature branch, shallow (the local transport falls back to a full fetch), by URL.
    let url = format!("file://{repo}");
    let (frev, fvars) = git::checkout(&store, &url, "feature", Some(1), &work).unwrap();
    assert_eq!(fvars.commit_id, fx.feature_id);
    assert_eq!(fvars.branch_name, "feature");
    assert_eq!(fvars.commit_message, "Feature work");
    assert_ne!(frev.digest, rev.digest);
    assert_eq!(frev.file_count, rev.file_count + 1);

    // The default branch is main.
    let (drev, _) = git::checkout(&store, repo, "", None, &tmp.path().join("w2")).unwrap();
    assert_eq!(drev, rev);
}

#[test]
fn git_errors_are_clear() {
    let fx = fixture();
    let tmp = tempfile::tempdir().unwrap();
    let store = ArtifactStore::open(&tmp.path().join("artifacts")).unwrap();
    let work = tmp.path().join("work");
    let repo = fx.repo_path.to_str().unwrap();

    let err = git::checkout(&store, repo, "release", None, &work).unwrap_err();
    assert_eq!(err.kind, SourceErrorKind::BranchNotFound);
    assert!(
        err.message.contains("available branches: feature, main"),
        "{}",
        err.message
    );

    let plain = tmp.path().join("plain");
    fs::create_dir_all(&plain).unwrap();
    let err = git::checkout(&store, plain.to_str().unwrap(), "main", None, &work).unwrap_err();
    assert_eq!(err.kind, SourceErrorKind::NotARepository, "{}", err.message);
    assert!(
        err.message.contains("not a Git repository"),
        "{}",
        err.message
    );

    let missing = tmp.path().join("missing");
    let err = git::checkout(&store, missing.to_str().unwrap(), "main", None, &work).unwrap_err();
    assert_eq!(err.kind, SourceErrorKind::NotFound, "{}", err.message);

    let url = format!("file://{}", plain.display());
    let err = git::checkout(&store, &url, "main", None, &work).unwrap_err();
    assert_eq!(err.kind, SourceErrorKind::NotARepository, "{}", err.message);

    let err = git::checkout(&store, " ", "main", None, &work).unwrap_err();
    assert_eq!(err.kind, SourceErrorKind::Config);
}
