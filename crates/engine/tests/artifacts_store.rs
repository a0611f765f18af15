//! The artifact store: snapshots, dedupe, globs, materialize, tar round trips and unsafe
//! archives, GC (also against a concurrent writer), and a full disk.

use pipewright_engine::artifacts::{
    ArtifactErrorKind, ArtifactStore, EntryType, Manifest, Materialize, TarOptions,
};
use std::collections::HashSet;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

fn write(path: &Path, content: &[u8]) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, content).unwrap();
}

fn make_exec(path: &Path) {
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

fn store_in(dir: &Path) -> ArtifactStore {
    ArtifactStore::open(&dir.join("artifacts")).unwrap()
}

fn count_blobs(store: &ArtifactStore) -> usize {
    let mut n = 0;
    for prefix in fs::read_dir(store.root().join("blobs")).unwrap() {
        n += fs::read_dir(prefix.unwrap().path()).unwrap().count();
    }
    n
}

fn paths(m: &Manifest) -> Vec<&str> {
    m.entries.iter().map(|e| e.path.as_str()).collect()
}

fn sample_tree(root: &Path) {
    write(&root.join("a.txt"), b"alpha\n");
    write(&root.join("sub/b.txt"), b"beta\n");
    write(&root.join("sub/deeper/c.bin"), &[0u8, 1, 2, 3, 255]);
    write(&root.join("run.sh"), b"#!/bin/sh\necho hi\n");
    make_exec(&root.join("run.sh"));
    fs::create_dir_all(root.join("empty")).unwrap();
    std::os::unix::fs::symlink("sub/b.txt", root.join("link-to-b")).unwrap();
}

#[test]
fn snapshot_stores_shared_files_once_and_same_tree_gives_same_digest() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_in(tmp.path());
    let src = tmp.path().join("src");
    sample_tree(&src);

    let r1 = store.snapshot_dir(&src, false).unwrap();
    assert_eq!(r1.file_count, 5, "4 files and a symlink");
    assert_eq!(r1.size, 6 + 5 + 5 + 18);
    let blobs_after_first = count_blobs(&store);
    assert_eq!(blobs_after_first, 4);

    // Unchanged: same digest, nothing new stored.
    let again = store.snapshot_dir(&src, false).unwrap();
    assert_eq!(again, r1);
    assert_eq!(count_blobs(&store), blobs_after_first);

    // The same tree elsewhere gives the same digest.
    let copy = tmp.path().join("copy");
    sample_tree(&copy);
    assert_eq!(store.snapshot_dir(&copy, false).unwrap().digest, r1.digest);

    // One new file and one duplicate content: one more blob.
    write(&src.join("new.txt"), b"new\n");
    write(&src.join("dup.txt"), b"alpha\n");
    let r2 = store.snapshot_dir(&src, false).unwrap();
    assert_ne!(r2.digest, r1.digest);
    assert_eq!(count_blobs(&store), blobs_after_first + 1);

    let m = store.manifest(&r1.digest).unwrap();
    assert_eq!(
        paths(&m),
        [
            "a.txt",
            "empty",
            "link-to-b",
            "run.sh",
            "sub/b.txt",
            "sub/deeper/c.bin"
        ]
    );
    let run = m.entries.iter().find(|e| e.path == "run.sh").unwrap();
    assert!(run.executable);
    let link = m.entries.iter().find(|e| e.path == "link-to-b").unwrap();
    assert_eq!(link.kind, EntryType::Symlink);
    assert_eq!(link.target.as_deref(), Some("sub/b.txt"));
    assert_eq!(
        m.entries.iter().find(|e| e.path == "empty").unwrap().kind,
        EntryType::Dir
    );
    assert!(store.exists(&r1.digest));
    assert!(!store.exists(&"0".repeat(64)));
    assert!(!store.exists("../../etc/passwd"));
    assert_eq!(
        store.manifest(&"0".repeat(64)).unwrap_err().kind,
        ArtifactErrorKind::NotFound
    );
}

#[test]
fn a_change_right_after_a_snapshot_is_seen_even_with_the_same_size() {
    // The racy case of stat caches: same size, modified within the same timestamp tick.
    let tmp = tempfile::tempdir().unwrap();
    let store = store_in(tmp.path());
    let src = tmp.path().join("src");
    write(&src.join("f.txt"), b"one\n");
    let r1 = store.snapshot_dir(&src, false).unwrap();
    write(&src.join("f.txt"), b"two\n");
    let r2 = store.snapshot_dir(&src, false).unwrap();
    assert_ne!(r1.digest, r2.digest);
    // And once settled, a change is still seen.
    std::thread::sleep(std::time::Duration::from_millis(50));
    let r3 = store.snapshot_dir(&src, false).unwrap();
    assert_eq!(r3.digest, r2.digest);
    write(&src.join("f.txt"), b"six\n");
    let r4 = store.snapshot_dir(&src, false).unwrap();
    assert_ne!(r4.digest, r3.digest);
    let m = store.manifest(&r4.digest).unwrap();
    let blob = store.blob_path(m.entries[0].digest.as_deref().unwrap(), false);
    assert_eq!(fs::read(blob).unwrap(), b"six\n");
}

#[test]
fn gitignore_is_respected_when_asked_and_git_folder_never_taken() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_in(tmp.path());
    let src = tmp.path().join("src");
    write(&src.join(".gitignore"), b"*.log\nbuild/\n");
    write(&src.join("keep.txt"), b"k");
    write(&src.join(".hidden"), b"h");
    write(&src.join("debug.log"), b"l");
    write(&src.join("build/out.o"), b"o");
    write(&src.join("sub/.gitignore"), b"local.tmp\n");
    write(&src.join("sub/local.tmp"), b"t");
    write(&src.join("sub/kept.rs"), b"r");
    write(&src.join(".git/config"), b"[core]\n");
    write(&src.join(".git/HEAD"), b"ref: refs/heads/main\n");

    let r = store.snapshot_dir(&src, true).unwrap();
    let m = store.manifest(&r.digest).unwrap();
    assert_eq!(
        paths(&m),
        [
            ".gitignore",
            ".hidden",
            "keep.txt",
            "sub/.gitignore",
            "sub/kept.rs"
        ]
    );

    let r = store.snapshot_dir(&src, false).unwrap();
    let m = store.manifest(&r.digest).unwrap();
    assert_eq!(
        paths(&m),
        [
            ".gitignore",
            ".hidden",
            "build/out.o",
            "debug.log",
            "keep.txt",
            "sub/.gitignore",
            "sub/kept.rs",
            "sub/local.tmp"
        ]
    );
}

#[test]
fn symlinks_leaving_the_tree_are_left_out_of_a_snapshot() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_in(tmp.path());
    let src = tmp.path().join("src");
    write(&src.join("d/f"), b"f");
    std::os::unix::fs::symlink("/etc/passwd", src.join("abs")).unwrap();
    std::os::unix::fs::symlink("../../outside", src.join("d/up")).unwrap();
    std::os::unix::fs::symlink("../d/f", src.join("d/ok")).unwrap();
    std::os::unix::fs::symlink(tmp.path(), src.join("dir-outside")).unwrap();
    let r = store.snapshot_dir(&src, false).unwrap();
    let m = store.manifest(&r.digest).unwrap();
    assert_eq!(paths(&m), ["d/f", "d/ok"]);
}

#[test]
fn collect_by_globs() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_in(tmp.path());
    let w = tmp.path().join("work");
    write(&w.join("dist/app.js"), b"js");
    write(&w.join("dist/sub/x.css"), b"css");
    write(&w.join("readme.txt"), b"r");
    write(&w.join("notes.txt"), b"n");
    write(&w.join("src/main.rs"), b"fn main(){}");
    write(&w.join("src/nested.txt"), b"nt");

    let get = |globs: &[&str]| {
        let globs: Vec<String> = globs.iter().map(|s| s.to_string()).collect();
        let r = store.collect(&w, &globs).unwrap();
        let m = store.manifest(&r.digest).unwrap();
        paths(&m)
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(get(&["dist/**"]), ["dist/app.js", "dist/sub/x.css"]);
    assert_eq!(get(&["*.txt"]), ["notes.txt", "readme.txt"]);
    assert_eq!(
        get(&["**/*.txt"]),
        ["notes.txt", "readme.txt", "src/nested.txt"]
    );
    assert_eq!(get(&["./dist/"]), ["dist/app.js", "dist/sub/x.css"]);
    assert_eq!(get(&["dist"]), ["dist/app.js", "dist/sub/x.css"]);
    assert_eq!(
        get(&["dist/*.js", "src/*.rs"]),
        ["dist/app.js", "src/main.rs"]
    );
    let all = get(&[]);
    assert_eq!(all.len(), 6);
    assert_eq!(get(&[""]), all);
    assert_eq!(get(&["**/*"]), all);

    let err = store
        .collect(&w, &["dist/**".to_string(), "out/*.zip".to_string()])
        .unwrap_err();
    assert_eq!(err.kind, ArtifactErrorKind::NoMatch);
    assert!(err.message.contains("\"out/*.zip\""), "{}", err.message);
    assert!(!err.message.contains("dist"), "{}", err.message);

    let err = store.collect(&tmp.path().join("missing"), &[]).unwrap_err();
    assert_eq!(err.kind, ArtifactErrorKind::NotFound);
}

#[test]
fn materialize_links_share_the_blob_and_copies_are_independent() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_in(tmp.path());
    let src = tmp.path().join("src");
    sample_tree(&src);
    let r = store.snapshot_dir(&src, false).unwrap();
    let m = store.manifest(&r.digest).unwrap();
    let a = m.entries.iter().find(|e| e.path == "a.txt").unwrap();
    let a_blob = store.blob_path(a.digest.as_deref().unwrap(), false);
    let run = m.entries.iter().find(|e| e.path == "run.sh").unwrap();
    let run_blob = store.blob_path(run.digest.as_deref().unwrap(), true);

    let ro = tmp.path().join("ro");
    store
        .materialize(&r.digest, &ro, Materialize::ReadOnlyLinks)
        .unwrap();
    let meta = fs::metadata(ro.join("a.txt")).unwrap();
    assert_eq!(meta.ino(), fs::metadata(&a_blob).unwrap().ino());
    assert_eq!(meta.permissions().mode() & 0o777, 0o444);
    let run_meta = fs::metadata(ro.join("run.sh")).unwrap();
    assert_eq!(run_meta.ino(), fs::metadata(&run_blob).unwrap().ino());
    assert_eq!(run_meta.permissions().mode() & 0o777, 0o555);
    assert_eq!(
        fs::read_link(ro.join("link-to-b")).unwrap(),
        Path::new("sub/b.txt")
    );
    assert_eq!(fs::read(ro.join("link-to-b")).unwrap(), b"beta\n");
    assert!(ro.join("empty").is_dir());
    assert_eq!(
        fs::read(ro.join("sub/deeper/c.bin")).unwrap(),
        [0u8, 1, 2, 3, 255]
    );

    let rw = tmp.path().join("rw");
    store
        .materialize(&r.digest, &rw, Materialize::WritableCopy)
        .unwrap();
    let meta = fs::metadata(rw.join("a.txt")).unwrap();
    assert_ne!(meta.ino(), fs::metadata(&a_blob).unwrap().ino());
    assert_eq!(meta.permissions().mode() & 0o777, 0o644);
    assert_eq!(
        fs::metadata(rw.join("run.sh"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o755
    );
    let out = Command::new(rw.join("run.sh")).output().unwrap();
    assert_eq!(out.stdout, b"hi\n");
    fs::write(rw.join("a.txt"), b"changed").unwrap();
    assert_eq!(fs::read(&a_blob).unwrap(), b"alpha\n");
    assert_eq!(fs::read(ro.join("a.txt")).unwrap(), b"alpha\n");
    // Same content as stored: a snapshot of the copy gives the same digest ...
    fs::write(rw.join("a.txt"), b"alpha\n").unwrap();
    assert_eq!(store.collect(&rw, &[]).unwrap().digest, r.digest);
    // ... and a change is seen by collect (the copy's stat cache is not fooled).
    fs::write(rw.join("sub/b.txt"), b"BETA\n").unwrap();
    assert_ne!(store.collect(&rw, &[]).unwrap().digest, r.digest);

    // Owned copies (chown to ourselves works without root too).
    let owned = tmp.path().join("owned");
    let uid = fs::metadata(tmp.path()).unwrap().uid();
    let gid = fs::metadata(tmp.path()).unwrap().gid();
    store
        .materialize_owned(
            &r.digest,
            &owned,
            Materialize::WritableCopy,
            Some((uid, gid)),
        )
        .unwrap();
    assert_eq!(fs::metadata(owned.join("sub/deeper")).unwrap().uid(), uid);

    // A folder that is not empty is refused and left alone.
    let err = store
        .materialize(&r.digest, &rw, Materialize::WritableCopy)
        .unwrap_err();
    assert_eq!(err.kind, ArtifactErrorKind::Io);
    assert!(rw.join("a.txt").exists());
}

#[test]
fn collect_of_an_untouched_working_copy_is_the_input_revision() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_in(tmp.path());
    let src = tmp.path().join("src");
    sample_tree(&src);
    let r = store.snapshot_dir(&src, false).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(30)); // let blobs settle
    let rw = tmp.path().join("rw");
    store
        .materialize(&r.digest, &rw, Materialize::WritableCopy)
        .unwrap();
    assert_eq!(store.collect(&rw, &[]).unwrap(), r);
    store.forget_dir_cache(&rw);
    assert_eq!(store.collect(&rw, &[]).unwrap(), r);
}

#[test]
fn tar_round_trip_keeps_the_digest() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_in(tmp.path());
    let src = tmp.path().join("src");
    sample_tree(&src);
    write(&src.join("big.bin"), &vec![7u8; 9 << 20]); // above the in-memory limit
    let long = format!("{}/{}", "d".repeat(120), "n".repeat(150)); // GNU long names
    write(&src.join(&long), b"long");
    std::os::unix::fs::symlink(
        format!("../{}", "x".repeat(120)),
        src.join(format!("{}/l", "d".repeat(120))),
    )
    .unwrap();
    let r = store.snapshot_dir(&src, false).unwrap();

    let tar = store.to_tar(&r.digest).unwrap();
    let other = ArtifactStore::open(&tmp.path().join("other")).unwrap();
    assert_eq!(other.ingest_tar(&tar).unwrap(), r);
    assert_eq!(store.ingest_tar(&tar).unwrap(), r);

    // The archive unpacks with tar(1) to the same tree.
    let out = tmp.path().join("unpacked");
    fs::create_dir_all(&out).unwrap();
    fs::write(tmp.path().join("a.tar"), &tar).unwrap();
    let st = Command::new("tar")
        .arg("-C")
        .arg(&out)
        .arg("-xf")
        .arg(tmp.path().join("a.tar"))
        .status()
        .unwrap();
    assert!(st.success());
    assert_eq!(store.snapshot_dir(&out, false).unwrap().digest, r.digest);

    // Docker's archive API puts the folder's name first: strip it. Owners are as asked.
    let mut prefixed = Vec::new();
    {
        let mut b = tar::Builder::new(&mut prefixed);
        b.follow_symlinks(false);
        b.append_dir_all("src", &src).unwrap();
        b.finish().unwrap();
    }
    assert_eq!(store.ingest_tar_reader(&prefixed[..], 1).unwrap(), r);
    let mut owned = Vec::new();
    store
        .write_tar(
            &r.digest,
            &mut owned,
            &TarOptions {
                uid_gid: Some((1000, 1001)),
                mtime: 1_700_000_000,
            },
        )
        .unwrap();
    let mut ar = tar::Archive::new(&owned[..]);
    for e in ar.entries().unwrap() {
        let e = e.unwrap();
        assert_eq!(e.header().uid().unwrap(), 1000);
        assert_eq!(e.header().gid().unwrap(), 1001);
    }
}

/// A tar with one raw header (bypassing the tar crate's own path checks).
fn raw_tar(name: &str, kind: tar::EntryType, link: Option<&str>, data: &[u8]) -> Vec<u8> {
    let mut h = tar::Header::new_old();
    {
        let old = h.as_old_mut();
        old.name[..name.len()].copy_from_slice(name.as_bytes());
        if let Some(l) = link {
            old.linkname[..l.len()].copy_from_slice(l.as_bytes());
        }
    }
    h.set_entry_type(kind);
    h.set_mode(0o644);
    h.set_size(data.len() as u64);
    h.set_cksum();
    let mut out = h.as_bytes().to_vec();
    out.extend_from_slice(data);
    out.resize(out.len().div_ceil(512) * 512, 0);
    out.extend_from_slice(&[0u8; 1024]);
    out
}

#[test]
fn unsafe_archives_are_refused_naming_the_entry() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_in(tmp.path());
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "/etc/evil",
            raw_tar("/etc/evil", tar::EntryType::Regular, None, b"x"),
        ),
        (
            "../evil",
            raw_tar("../evil", tar::EntryType::Regular, None, b"x"),
        ),
        (
            "a/../../evil",
            raw_tar("a/../../evil", tar::EntryType::Regular, None, b"x"),
        ),
        (
            "a/up",
            raw_tar(
                "a/up",
                tar::EntryType::Symlink,
                Some("../../etc/passwd"),
                b"",
            ),
        ),
        (
            "abs",
            raw_tar("abs", tar::EntryType::Symlink, Some("/etc/passwd"), b""),
        ),
        (
            "hard",
            raw_tar("hard", tar::EntryType::Link, Some("other"), b""),
        ),
        (
            "dev/null",
            raw_tar("dev/null", tar::EntryType::Char, None, b""),
        ),
        ("disk", raw_tar("disk", tar::EntryType::Block, None, b"")),
        ("pipe", raw_tar("pipe", tar::EntryType::Fifo, None, b"")),
    ];
    for (name, tar) in cases {
        let err = store.ingest_tar(&tar).unwrap_err();
        assert_eq!(
            err.kind,
            ArtifactErrorKind::Unsafe,
            "{name}: {}",
            err.message
        );
        assert!(
            err.message.contains(&format!("{name:?}")),
            "{name}: {}",
            err.message
        );
    }
    // An entry below a symlink (a way to write through it) is refused too.
    let mut two = raw_tar("l", tar::EntryType::Symlink, Some("d"), b"");
    two.truncate(two.len() - 1024);
    two.extend(raw_tar("l/x", tar::EntryType::Regular, None, b"x"));
    let err = store.ingest_tar(&two).unwrap_err();
    assert_eq!(err.kind, ArtifactErrorKind::Unsafe, "{}", err.message);
    // Nothing half-written was left behind.
    assert_eq!(fs::read_dir(store.root().join("tmp")).unwrap().count(), 0);
    assert_eq!(
        fs::read_dir(store.root().join("manifests"))
            .unwrap()
            .count(),
        0
    );
}

#[test]
fn gc_keeps_what_is_kept_and_frees_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_in(tmp.path());
    let src = tmp.path().join("src");
    write(&src.join("shared.txt"), b"shared");
    write(&src.join("v.txt"), b"version one");
    let r1 = store.snapshot_dir(&src, false).unwrap();
    write(&src.join("v.txt"), b"version two!");
    let r2 = store.snapshot_dir(&src, false).unwrap();
    assert_eq!(count_blobs(&store), 3);

    let keep: HashSet<String> = [r2.digest.clone()].into();
    let report = store.gc(&keep).unwrap();
    assert_eq!(report.manifests_removed, 1);
    assert_eq!(report.blobs_removed, 1);
    assert!(report.bytes_freed >= "version one".len() as u64);
    assert!(!store.exists(&r1.digest));
    assert!(store.exists(&r2.digest));
    assert_eq!(count_blobs(&store), 2);
    let out = tmp.path().join("out");
    store
        .materialize(&r2.digest, &out, Materialize::ReadOnlyLinks)
        .unwrap();
    assert_eq!(fs::read(out.join("v.txt")).unwrap(), b"version two!");

    // A second pass has nothing to do; an empty keep set frees everything.
    assert_eq!(store.gc(&keep).unwrap().blobs_removed, 0);
    let report = store.gc(&HashSet::new()).unwrap();
    assert_eq!((report.manifests_removed, report.blobs_removed), (1, 2));
    assert_eq!(count_blobs(&store), 0);

    // Grace keeps what was just written.
    let r3 = store.snapshot_dir(&src, false).unwrap();
    let report = store
        .gc_with_grace(&HashSet::new(), std::time::Duration::from_secs(600))
        .unwrap();
    assert_eq!(report.manifests_removed, 0);
    assert!(store.exists(&r3.digest));
}

#[test]
fn gc_never_leaves_a_manifest_without_its_blobs_under_a_concurrent_writer() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_in(tmp.path());
    let src = tmp.path().join("src");
    fs::create_dir_all(&src).unwrap();
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                store.gc(&HashSet::new()).unwrap();
            }
        });
        for i in 0..150 {
            write(
                &src.join(format!("f{}.txt", i % 7)),
                format!("content {i}").as_bytes(),
            );
            let r = store.snapshot_dir(&src, false).unwrap();
            let Ok(m) = store.manifest(&r.digest) else {
                continue; // collected already: fine, nobody kept it
            };
            for e in &m.entries {
                let blob = store.blob_path(e.digest.as_deref().unwrap(), e.executable);
                if !blob.exists() {
                    // Only acceptable when GC removed the whole revision meanwhile.
                    assert!(
                        !store.exists(&r.digest),
                        "revision {} lost blob {}",
                        r.digest,
                        blob.display()
                    );
                }
            }
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
    });
}

/// A 1 MiB tmpfs mounted for the test, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path) -> Result<Self, String> {
        fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
            .arg(dir)
            .output()
            .map_err(|e| e.to_string())?;
        if out.status.success() {
            Ok(Self(dir.to_path_buf()))
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
        }
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn full_disk_gives_disk_full_and_leaves_no_temp_files() {
    let tmp = tempfile::tempdir().unwrap();
    let small = tmp.path().join("small");
    let _mount = match Tmpfs::mount(&small) {
        Ok(m) => m,
        Err(why) => {
            println!("skipped: cannot mount a tmpfs ({why})");
            return;
        }
    };
    let src = tmp.path().join("src");
    for i in 0..3 {
        // Distinct content, 700 KiB each: the second one does not fit in 1 MiB.
        write(&src.join(format!("f{i}.bin")), &vec![i as u8; 700 << 10]);
    }
    write(&src.join("big.bin"), &vec![9u8; 9 << 20]); // the streaming path too

    // A store on the small disk.
    let store = ArtifactStore::open(&small.join("artifacts")).unwrap();
    let err = store.snapshot_dir(&src, false).unwrap_err();
    assert_eq!(err.kind, ArtifactErrorKind::DiskFull, "{}", err.message);
    println!("store on a full disk: {}", err.message);
    assert!(err.message.contains("pipewright gc"), "{}", err.message);
    assert!(
        err.message.contains("artifacts.keepExecutions"),
        "{}",
        err.message
    );
    assert_eq!(fs::read_dir(store.root().join("tmp")).unwrap().count(), 0);
    assert_eq!(
        fs::read_dir(store.root().join("manifests"))
            .unwrap()
            .count(),
        0
    );
    // GC frees the orphan blobs; the store still works for what fits.
    store.gc(&HashSet::new()).unwrap();
    let tiny = tmp.path().join("tiny");
    write(&tiny.join("t.txt"), b"fits");
    store.snapshot_dir(&tiny, false).unwrap();

    // Materializing onto the small disk from a store elsewhere.
    let big_store = store_in(tmp.path());
    let r = big_store.snapshot_dir(&src, false).unwrap();
    let dest = small.join("work");
    let err = big_store
        .materialize(&r.digest, &dest, Materialize::WritableCopy)
        .unwrap_err();
    assert_eq!(err.kind, ArtifactErrorKind::DiskFull, "{}", err.message);
    println!("materialize onto a full disk: {}", err.message);
    assert!(!dest.exists(), "a failed materialize leaves nothing behind");
}

#[test]
fn a_data_folder_inside_the_source_folder_is_not_snapshotted() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("project");
    write(&src.join("main.c"), b"int main;");
    let store = ArtifactStore::open(&src.join(".pipewright/artifacts")).unwrap();
    let r = store.snapshot_dir(&src, false).unwrap();
    let r2 = store.snapshot_dir(&src, false).unwrap();
    assert_eq!(r, r2);
    let m = store.manifest(&r.digest).unwrap();
    // The store's own folder is skipped (its parent is then an empty folder).
    assert_eq!(paths(&m), [".pipewright", "main.c"]);
}

#[test]
fn a_tampered_manifest_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_in(tmp.path());
    let src = tmp.path().join("src");
    write(&src.join("f"), b"f");
    let r = store.snapshot_dir(&src, false).unwrap();
    let path = store
        .root()
        .join("manifests")
        .join(format!("{}.json", r.digest));
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    fs::write(
        &path,
        br#"{"version":1,"entries":[{"path":"../x","type":"file","digest":"ab","size":1}]}"#,
    )
    .unwrap();
    let err = store
        .materialize(
            &r.digest,
            &tmp.path().join("out"),
            Materialize::ReadOnlyLinks,
        )
        .unwrap_err();
    assert!(err.message.contains("damaged"), "{}", err.message);
}
