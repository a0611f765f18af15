//! Deploy `Directory`: atomic switch, previous content kept, rollback.

use pipewright_engine::artifacts::deploy::{deploy_directory, previous_path, rollback_directory};
use pipewright_engine::artifacts::{ArtifactErrorKind, ArtifactStore};
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

fn write(path: &Path, content: &[u8]) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, content).unwrap();
}

fn listing(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect()
}

/// A revision with files `<tag>-0 … <tag>-(n-1)` and `version` = tag.
fn revision(store: &ArtifactStore, root: &Path, tag: &str, n: usize) -> String {
    let dir = root.join(format!("src-{tag}"));
    for i in 0..n {
        write(
            &dir.join(format!("{tag}-{i}")),
            format!("{tag} {i}").as_bytes(),
        );
    }
    write(&dir.join("version"), tag.as_bytes());
    write(&dir.join("nested/deep/file"), tag.as_bytes());
    store.snapshot_dir(&dir, false).unwrap().digest
}

#[test]
fn deploy_keeps_the_previous_content_and_rolls_back() {
    let tmp = tempfile::tempdir().unwrap();
    let store = ArtifactStore::open(&tmp.path().join("artifacts")).unwrap();
    let a = revision(&store, tmp.path(), "a", 3);
    let b = revision(&store, tmp.path(), "b", 2);
    let target = tmp.path().join("site/www");

    // Into a target (and parent) that does not exist yet.
    let out = deploy_directory(&store, &a, &target).unwrap();
    assert_eq!(out.previous, None);
    assert_eq!(fs::read(target.join("version")).unwrap(), b"a");
    assert_eq!(listing(&target).len(), 5);
    // Deployed files are real, writable copies.
    fs::write(target.join("nested/deep/file"), b"edited").unwrap();

    let out = deploy_directory(&store, &b, &target).unwrap();
    let previous = previous_path(&target).unwrap();
    assert_eq!(out.previous.as_deref(), Some(previous.as_path()));
    assert_eq!(previous, tmp.path().join("site/.www.pipewright-previous"));
    assert_eq!(fs::read(target.join("version")).unwrap(), b"b");
    assert_eq!(
        listing(&target),
        ["b-0", "b-1", "nested", "version"].map(String::from).into()
    );
    assert_eq!(fs::read(previous.join("version")).unwrap(), b"a");
    assert_eq!(
        fs::read(previous.join("nested/deep/file")).unwrap(),
        b"edited"
    );

    // A third deploy replaces the older previous; nothing else is left next to the target.
    deploy_directory(&store, &a, &target).unwrap();
    assert_eq!(fs::read(previous.join("version")).unwrap(), b"b");
    assert_eq!(
        listing(&tmp.path().join("site")),
        [".www.pipewright-lock", ".www.pipewright-previous", "www"]
            .map(String::from)
            .into()
    );

    rollback_directory(&target).unwrap();
    assert_eq!(fs::read(target.join("version")).unwrap(), b"b");
    assert_eq!(fs::read(previous.join("version")).unwrap(), b"a");
    rollback_directory(&target).unwrap(); // rolls forward again
    assert_eq!(fs::read(target.join("version")).unwrap(), b"a");

    // Roll back when the target was removed: the previous content comes back.
    fs::remove_dir_all(&target).unwrap();
    rollback_directory(&target).unwrap();
    assert_eq!(fs::read(target.join("version")).unwrap(), b"b");
    assert!(!previous.exists());
}

#[test]
fn errors_are_clear() {
    let tmp = tempfile::tempdir().unwrap();
    let store = ArtifactStore::open(&tmp.path().join("artifacts")).unwrap();
    let a = revision(&store, tmp.path(), "a", 1);

    let err = rollback_directory(&tmp.path().join("never-deployed")).unwrap_err();
    assert_eq!(err.kind, ArtifactErrorKind::NotFound);
    assert!(
        err.message.contains("no previous deploy"),
        "{}",
        err.message
    );

    let file = tmp.path().join("a-file");
    fs::write(&file, b"x").unwrap();
    let err = deploy_directory(&store, &a, &file).unwrap_err();
    assert!(err.message.contains("is not a folder"), "{}", err.message);
    assert_eq!(fs::read(&file).unwrap(), b"x");

    let err = deploy_directory(&store, &"f".repeat(64), &tmp.path().join("t")).unwrap_err();
    assert_eq!(err.kind, ArtifactErrorKind::NotFound);
    // Nothing built aside is left behind after failures.
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("pipewright-new") || n.contains("pipewright-old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn readers_always_see_a_whole_old_or_new_tree_during_deploys() {
    let tmp = tempfile::tempdir().unwrap();
    let store = ArtifactStore::open(&tmp.path().join("artifacts")).unwrap();
    let a = revision(&store, tmp.path(), "a", 40);
    let b = revision(&store, tmp.path(), "b", 25);
    let target = tmp.path().join("target");
    deploy_directory(&store, &a, &target).unwrap();

    let expected = |tag: &str, n: usize| -> BTreeSet<String> {
        let mut s: BTreeSet<String> = (0..n).map(|i| format!("{tag}-{i}")).collect();
        s.insert("version".into());
        s.insert("nested".into());
        s
    };
    let (set_a, set_b) = (expected("a", 40), expected("b", 25));
    let done = AtomicBool::new(false);
    let seen_a = AtomicUsize::new(0);
    let seen_b = AtomicUsize::new(0);
    // Deploys done so far, and started so far: a reader whose listing overlaps the start of
    // the second deploy after the last one done may have been reading a tree that was swapped
    // out and is being removed by that second deploy (only one previous is kept for
    // rollback); that is not a partial deploy. Within one swap it is.
    let deploys = AtomicUsize::new(0);
    let started = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                while !done.load(Ordering::Relaxed) {
                    let before = deploys.load(Ordering::SeqCst);
                    let names = match fs::read_dir(&target) {
                        Ok(rd) => rd
                            .map(|e| e.unwrap().file_name().into_string().unwrap())
                            .collect::<BTreeSet<_>>(),
                        Err(e) => panic!("the target went missing during a deploy: {e}"),
                    };
                    if names == set_a {
                        seen_a.fetch_add(1, Ordering::Relaxed);
                    } else if names == set_b {
                        seen_b.fetch_add(1, Ordering::Relaxed);
                    } else if started.load(Ordering::SeqCst) >= before + 2 {
                        continue;
                    } else {
                        panic!("a reader saw a partial tree: {names:?}");
                    }
                    // A file read by path is always whole and present.
                    let v = fs::read(target.join("version")).expect("version missing");
                    assert!(v == b"a" || v == b"b", "{v:?}");
                }
            });
        }
        for i in 0..150 {
            let d = if i % 2 == 0 { &b } else { &a };
            started.fetch_add(1, Ordering::SeqCst);
            deploy_directory(&store, d, &target).unwrap();
            deploys.fetch_add(1, Ordering::SeqCst);
        }
        done.store(true, Ordering::Relaxed);
    });
    let (na, nb) = (
        seen_a.load(Ordering::Relaxed),
        seen_b.load(Ordering::Relaxed),
    );
    println!("reader observations: {na} old/new a, {nb} b");
    assert!(
        na > 0 && nb > 0,
        "the readers saw both versions ({na}, {nb})"
    );
}
