//! Artifact hand-off benchmark (ignored: run it on purpose, in release mode):
//!
//! ```sh
//! cargo test --release -p pipewright-engine --test artifacts_bench -- --ignored --nocapture
//! ```
//!
//! A 1 GiB tree (1,000 files of 1 MiB, incompressible) is handed off as an artifact —
//! snapshot into the store, then materialized as read-only links — and compared with
//! `tar -C src -cf - . | tar -C dst -xf -` of the same tree on the same disk, in the same run.
//! Also: a second snapshot of the unchanged tree (with and without the stat cache), a
//! writable copy, and `collect` of that copy left unchanged. `PIPEWRIGHT_BENCH_DIR` picks the
//! folder (default: the system temp folder); `PIPEWRIGHT_BENCH_FILES` the number of files.

use pipewright_engine::artifacts::{ArtifactStore, Materialize};
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn fill(path: &Path, seed: u64, len: usize) {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut buf = Vec::with_capacity(len);
    while buf.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        buf.extend_from_slice(&x.to_le_bytes());
    }
    buf.truncate(len);
    fs::write(path, buf).unwrap();
}

fn sync() {
    let _ = Command::new("sync").status();
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[test]
#[ignore = "benchmark: run with --ignored --nocapture, in release mode"]
fn artifact_handoff_vs_tar() {
    let base = std::env::var_os("PIPEWRIGHT_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let files: usize = std::env::var("PIPEWRIGHT_BENCH_FILES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let tmp = tempfile::tempdir_in(&base).unwrap();
    let src = tmp.path().join("src");
    for i in 0..files {
        let dir = src.join(format!("d{:02}", i % 20));
        fs::create_dir_all(&dir).unwrap();
        fill(&dir.join(format!("f{i:04}.bin")), i as u64 + 1, 1 << 20);
    }
    // Let the tree settle (stat-cache entries must predate the snapshot by > 20 ms).
    sync();
    std::thread::sleep(Duration::from_millis(100));
    let gib = files as f64 / 1024.0;
    println!(
        "tree: {files} files x 1 MiB = {gib:.2} GiB in {}",
        tmp.path().display()
    );

    let runs = 3;
    let (mut tar_t, mut snap_t, mut link_t, mut handoff_t) = (vec![], vec![], vec![], vec![]);
    for run in 0..runs {
        let dst = tmp.path().join(format!("tar-{run}"));
        fs::create_dir_all(&dst).unwrap();
        let t = Instant::now();
        let st = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "tar -C '{}' -cf - . | tar -C '{}' -xf -",
                src.display(),
                dst.display()
            ))
            .status()
            .unwrap();
        tar_t.push(t.elapsed());
        assert!(st.success());
        fs::remove_dir_all(&dst).unwrap();
        sync();

        let root = tmp.path().join(format!("store-{run}"));
        let store = ArtifactStore::open(&root).unwrap();
        let dest = tmp.path().join(format!("links-{run}"));
        let t = Instant::now();
        let rev = store.snapshot_dir(&src, false).unwrap();
        let snap = t.elapsed();
        store
            .materialize(&rev.digest, &dest, Materialize::ReadOnlyLinks)
            .unwrap();
        let total = t.elapsed();
        assert_eq!(rev.file_count, files as u64);
        snap_t.push(snap);
        link_t.push(total - snap);
        handoff_t.push(total);
        if run + 1 < runs {
            fs::remove_dir_all(&dest).unwrap();
            fs::remove_dir_all(&root).unwrap();
        }
        sync();
    }
    let (tar_m, handoff_m) = (median(tar_t), median(handoff_t));
    println!("tar c | tar x              : {}", ms(tar_m));
    println!(
        "snapshot + materialize     : {} (snapshot {}, links {})  ratio {:.2}x  (goal <= 1.5x)",
        ms(handoff_m),
        ms(median(snap_t)),
        ms(median(link_t)),
        handoff_m.as_secs_f64() / tar_m.as_secs_f64()
    );

    // The last store is still there, with its stat cache.
    let store = ArtifactStore::open(&tmp.path().join(format!("store-{}", runs - 1))).unwrap();
    let mut warm = vec![];
    let mut digest = String::new();
    for _ in 0..3 {
        let t = Instant::now();
        digest = store.snapshot_dir(&src, false).unwrap().digest;
        warm.push(t.elapsed());
    }
    let warm_m = median(warm);
    println!(
        "unchanged snapshot (cache) : {}  ({:.3}x tar)",
        ms(warm_m),
        warm_m.as_secs_f64() / tar_m.as_secs_f64()
    );
    store.forget_dir_cache(&src);
    let t = Instant::now();
    assert_eq!(store.snapshot_dir(&src, false).unwrap().digest, digest);
    let rehash = t.elapsed();
    println!(
        "unchanged snapshot, no cache: {}  ({:.2}x tar; hashing only, no writes)",
        ms(rehash),
        rehash.as_secs_f64() / tar_m.as_secs_f64()
    );

    std::thread::sleep(Duration::from_millis(50));
    let work = tmp.path().join("work");
    let t = Instant::now();
    store
        .materialize(&digest, &work, Materialize::WritableCopy)
        .unwrap();
    let copy = t.elapsed();
    println!(
        "writable copy (working dir): {}  ({:.2}x tar)",
        ms(copy),
        copy.as_secs_f64() / tar_m.as_secs_f64()
    );
    let t = Instant::now();
    assert_eq!(store.collect(&work, &[]).unwrap().digest, digest);
    let collect = t.elapsed();
    println!(
        "collect of unchanged copy  : {}  ({:.3}x tar)",
        ms(collect),
        collect.as_secs_f64() / tar_m.as_secs_f64()
    );
}
