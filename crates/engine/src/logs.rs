//! Action logs: each action execution's output in
//! `<data dir>/logs/<execution>/<stage>/<action>.<attempt>.log`, every line prefixed with an
//! RFC 3339 timestamp and its stream (`stdout`, `stderr`, or `pipewright` for the engine's
//! own lines), bytes (ANSI escapes included) kept as they came.
//!
//! Writes are buffered, so a flood of lines costs a memcpy each and never waits on the
//! disk per line; the file is flushed at most every [`FLUSH_EVERY`] for followers in other
//! processes ([`read_log`]). Past [`LOG_CAP_BYTES`] an action's log ends with a visible
//! truncation marker and further output is dropped. Live followers in this process
//! subscribe to a [`LogHub`]: a bounded broadcast channel, where a slow follower loses
//! chunks (and can catch up from the file) instead of holding the engine back.

use crate::runtime::LogStream;
use bytes::Bytes;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

/// The most an action's log keeps (50 MiB); a marker line says when more was dropped.
pub const LOG_CAP_BYTES: u64 = 50 * 1024 * 1024;
/// How often a growing log is flushed for followers in other processes.
pub const FLUSH_EVERY: Duration = Duration::from_millis(100);
/// A line without a newline longer than this is written out in pieces.
const MAX_PENDING_LINE: usize = 64 * 1024;
/// How much one [`read_log`] call returns at most.
const READ_CHUNK: u64 = 1024 * 1024;
/// Chunks a live follower may fall behind before it loses some.
const HUB_CAPACITY: usize = 4096;

/// Which action execution a log belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LogKey {
    pub execution_id: String,
    pub stage: String,
    pub action: String,
    pub attempt: i64,
}

impl LogKey {
    /// The log's path relative to the data folder (what the store records).
    pub fn relative_path(&self) -> PathBuf {
        Path::new("logs")
            .join(safe_component(&self.execution_id))
            .join(safe_component(&self.stage))
            .join(format!(
                "{}.{}.log",
                safe_component(&self.action),
                self.attempt
            ))
    }
}

/// Names become one harmless path component: `[A-Za-z0-9._@-]` kept, anything else `_`,
/// and never `.` or `..`.
fn safe_component(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '@' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() || s.chars().all(|c| c == '.') {
        s.replace('.', "_") + "_"
    } else {
        s
    }
}

/// Formatted lines of one action, as written to its file.
#[derive(Debug, Clone)]
pub struct LogChunk {
    pub key: Arc<LogKey>,
    /// Complete lines: `<RFC 3339> <stream> <bytes>\n`.
    pub lines: Bytes,
}

/// Live followers of every action's log in this process.
#[derive(Debug, Clone)]
pub struct LogHub {
    tx: broadcast::Sender<LogChunk>,
}

impl Default for LogHub {
    fn default() -> Self {
        Self::new()
    }
}

impl LogHub {
    pub fn new() -> Self {
        Self {
            tx: broadcast::channel(HUB_CAPACITY).0,
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<LogChunk> {
        self.tx.subscribe()
    }
}

struct SinkState {
    out: Option<BufWriter<File>>,
    written: u64,
    cap: u64,
    truncated: bool,
    /// Unfinished lines of stdout, stderr.
    pending: [Vec<u8>; 2],
    last_flush: Instant,
    error: Option<io::Error>,
}

/// Writes one action execution's log. Cheap to clone; clones write to the same file.
#[derive(Clone)]
pub struct LogSink {
    key: Arc<LogKey>,
    path: Option<PathBuf>,
    hub: Option<LogHub>,
    state: Arc<Mutex<SinkState>>,
}

impl std::fmt::Debug for LogSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogSink")
            .field("key", &self.key)
            .field("path", &self.path)
            .finish()
    }
}

impl LogSink {
    /// Create (truncating) the log of `key` under `data_dir`, capped at `cap` bytes.
    pub fn create(data_dir: &Path, key: LogKey, hub: Option<LogHub>, cap: u64) -> io::Result<Self> {
        let path = data_dir.join(key.relative_path());
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let file = OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(true)
            .open(&path)?;
        Ok(Self::with_writer(key, Some(path), hub, Some(file), cap))
    }

    /// Open the log of `key` to append to it (an action that waited at a pause point and now
    /// runs keeps what was logged before); its size so far counts towards `cap`.
    pub fn reopen(data_dir: &Path, key: LogKey, hub: Option<LogHub>, cap: u64) -> io::Result<Self> {
        let path = data_dir.join(key.relative_path());
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let file = OpenOptions::new().create(true).append(true).open(&path)?;
        let written = file.metadata()?.len();
        let sink = Self::with_writer(key, Some(path), hub, Some(file), cap);
        sink.lock().written = written;
        Ok(sink)
    }

    /// A sink that only feeds followers (no file): for tests and previews.
    pub fn detached(key: LogKey, hub: Option<LogHub>) -> Self {
        Self::with_writer(key, None, hub, None, LOG_CAP_BYTES)
    }

    fn with_writer(
        key: LogKey,
        path: Option<PathBuf>,
        hub: Option<LogHub>,
        file: Option<File>,
        cap: u64,
    ) -> Self {
        Self {
            key: Arc::new(key),
            path,
            hub,
            state: Arc::new(Mutex::new(SinkState {
                out: file.map(|f| BufWriter::with_capacity(256 * 1024, f)),
                written: 0,
                cap,
                truncated: false,
                pending: [Vec::new(), Vec::new()],
                last_flush: Instant::now(),
                error: None,
            })),
        }
    }

    pub fn key(&self) -> &LogKey {
        &self.key
    }

    /// The file, when there is one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn lock(&self) -> MutexGuard<'_, SinkState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Output of the action's process, in whatever pieces it arrives; lines are completed
    /// across calls per stream.
    pub fn write(&self, stream: LogStream, bytes: &[u8]) {
        let (label, slot) = match stream {
            LogStream::Stdout => ("stdout", 0),
            LogStream::Stderr => ("stderr", 1),
        };
        let mut st = self.lock();
        let mut formatted = Vec::new();
        let ts = timestamp();
        let mut rest = bytes;
        while let Some(nl) = rest.iter().position(|&b| b == b'\n') {
            let (line, after) = rest.split_at(nl);
            if st.pending[slot].is_empty() {
                push_line(&mut formatted, &ts, label, line);
            } else {
                let mut whole = std::mem::take(&mut st.pending[slot]);
                whole.extend_from_slice(line);
                push_line(&mut formatted, &ts, label, &whole);
            }
            rest = &after[1..];
        }
        st.pending[slot].extend_from_slice(rest);
        while st.pending[slot].len() >= MAX_PENDING_LINE {
            let piece: Vec<u8> = st.pending[slot].drain(..MAX_PENDING_LINE).collect();
            push_line(&mut formatted, &ts, label, &piece);
        }
        self.emit(&mut st, formatted, false);
    }

    /// One line from the engine itself (stream `pipewright`), e.g. "timed out after 2 s".
    pub fn system(&self, text: &str) {
        let mut st = self.lock();
        let mut formatted = Vec::new();
        for line in text.lines() {
            push_line(&mut formatted, &timestamp(), "pipewright", line.as_bytes());
        }
        self.emit(&mut st, formatted, true);
    }

    /// Write out unfinished lines and flush. Returns the first write error the log met (the
    /// action itself is not failed for it).
    pub fn finish(&self) -> io::Result<()> {
        let mut st = self.lock();
        let ts = timestamp();
        let mut formatted = Vec::new();
        for (slot, label) in [(0, "stdout"), (1, "stderr")] {
            if !st.pending[slot].is_empty() {
                let line = std::mem::take(&mut st.pending[slot]);
                push_line(&mut formatted, &ts, label, &line);
            }
        }
        self.emit(&mut st, formatted, true);
        match st.error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Bytes written to the file so far (the truncation marker included).
    pub fn bytes_written(&self) -> u64 {
        self.lock().written
    }

    /// True once output was dropped for the size cap.
    pub fn truncated(&self) -> bool {
        self.lock().truncated
    }

    fn emit(&self, st: &mut SinkState, mut formatted: Vec<u8>, flush: bool) {
        if st.truncated || formatted.is_empty() {
            if flush && st.error.is_none() {
                if let Some(Err(e)) = st.out.as_mut().map(|out| out.flush()) {
                    st.error = Some(e);
                }
            }
            return;
        }
        let room = st.cap.saturating_sub(st.written);
        if formatted.len() as u64 > room {
            // Keep whole lines that fit, then the marker.
            let keep = formatted[..room as usize]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            formatted.truncate(keep);
            push_line(
                &mut formatted,
                &timestamp(),
                "pipewright",
                format!(
                    "[log truncated: this action's output passed the {} MiB limit; the rest is not kept]",
                    st.cap / (1024 * 1024)
                )
                .as_bytes(),
            );
            st.truncated = true;
        }
        st.written += formatted.len() as u64;
        if let Some(out) = st.out.as_mut() {
            if st.error.is_none() {
                let mut result = out.write_all(&formatted);
                if result.is_ok()
                    && (flush || st.truncated || st.last_flush.elapsed() >= FLUSH_EVERY)
                {
                    result = out.flush();
                    st.last_flush = Instant::now();
                }
                if let Err(e) = result {
                    tracing::warn!(log = ?self.path, "writing the action log failed: {e}");
                    st.error = Some(e);
                }
            }
        }
        if let Some(hub) = &self.hub {
            if hub.tx.receiver_count() > 0 {
                let _ = hub.tx.send(LogChunk {
                    key: self.key.clone(),
                    lines: Bytes::from(formatted),
                });
            }
        }
    }
}

fn push_line(out: &mut Vec<u8>, ts: &str, label: &str, line: &[u8]) {
    out.reserve(ts.len() + label.len() + line.len() + 3);
    out.extend_from_slice(ts.as_bytes());
    out.push(b' ');
    out.extend_from_slice(label.as_bytes());
    out.push(b' ');
    out.extend_from_slice(line);
    out.push(b'\n');
}

/// Now, RFC 3339 UTC with milliseconds (the store's format).
pub(crate) fn timestamp() -> String {
    use time::macros::format_description;
    let format =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    time::OffsetDateTime::now_utc()
        .format(format)
        .unwrap_or_else(|_| "1970-01-01T00:00:00.000Z".to_string())
}

/// What [`read_log`] read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRead {
    /// Complete lines from the offset on (a line still being written is left for later).
    pub bytes: Vec<u8>,
    /// Where to read next.
    pub next_offset: u64,
}

/// Read the log an action execution recorded (`log_path`, relative to the data folder) from
/// `offset`. A log not written yet reads as empty. Returns the full path with the result, for
/// error messages.
pub fn read_recorded_log(
    data_dir: &Path,
    log_path: &str,
    offset: u64,
) -> (std::path::PathBuf, io::Result<LogRead>) {
    let path = data_dir.join(log_path);
    let read = match read_log(&path, offset) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(LogRead {
            bytes: Vec::new(),
            next_offset: offset,
        }),
        other => other,
    };
    (path, read)
}

/// Read a log from `offset`: at most 1 MiB of complete lines. For followers in another
/// process (`logs --follow`): call again with `next_offset` until the action has ended.
pub fn read_log(path: &Path, offset: u64) -> io::Result<LogRead> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    if offset >= len {
        return Ok(LogRead {
            bytes: Vec::new(),
            next_offset: offset,
        });
    }
    file.seek(SeekFrom::Start(offset))?;
    let mut bytes = Vec::new();
    file.take(READ_CHUNK.min(len - offset))
        .read_to_end(&mut bytes)?;
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    bytes.truncate(complete);
    Ok(LogRead {
        next_offset: offset + complete as u64,
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> LogKey {
        LogKey {
            execution_id: "e".into(),
            stage: "Build".into(),
            action: "Compile".into(),
            attempt: 1,
        }
    }

    #[test]
    fn lines_are_prefixed_completed_across_writes_and_keep_ansi() {
        let dir = tempfile::tempdir().unwrap();
        let sink = LogSink::create(dir.path(), key(), None, LOG_CAP_BYTES).unwrap();
        sink.write(LogStream::Stdout, b"\x1b[31mred\x1b[0m\npart");
        sink.write(LogStream::Stderr, b"oops\n");
        sink.write(LogStream::Stdout, b"ial\nno newline");
        sink.finish().unwrap();
        let path = dir.path().join("logs/e/Build/Compile.1.log");
        let text = fs::read(&path).unwrap();
        let lines: Vec<&[u8]> = text
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .collect();
        let rest = |l: &[u8]| l[25..].to_vec(); // after "<24-char timestamp> "
        assert_eq!(rest(lines[0]), b"stdout \x1b[31mred\x1b[0m");
        assert_eq!(rest(lines[1]), b"stderr oops");
        assert_eq!(rest(lines[2]), b"stdout partial");
        assert_eq!(rest(lines[3]), b"stdout no newline");
        let ts = std::str::from_utf8(&lines[0][..24]).unwrap();
        assert!(
            time::OffsetDateTime::parse(ts, &time::format_description::well_known::Rfc3339).is_ok(),
            "{ts}"
        );
    }

    #[test]
    fn the_cap_ends_the_log_with_a_marker() {
        let dir = tempfile::tempdir().unwrap();
        let sink = LogSink::create(dir.path(), key(), None, 1000).unwrap();
        for i in 0..100 {
            sink.write(LogStream::Stdout, format!("line {i}\n").as_bytes());
        }
        sink.finish().unwrap();
        assert!(sink.truncated());
        let text = fs::read_to_string(dir.path().join(key().relative_path())).unwrap();
        assert!(text.len() < 1200, "{}", text.len());
        let last = text.lines().last().unwrap();
        assert!(last.contains("pipewright [log truncated"), "{last}");
        assert!(text.lines().filter(|l| l.contains(" stdout line ")).count() > 5);
    }

    #[test]
    fn followers_read_complete_lines_and_subscribers_get_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let hub = LogHub::new();
        let mut rx = hub.subscribe();
        let sink = LogSink::create(dir.path(), key(), Some(hub), LOG_CAP_BYTES).unwrap();
        sink.write(LogStream::Stdout, b"one\ntw");
        sink.system("flush now");
        let path = sink.path().unwrap().to_path_buf();
        let first = read_log(&path, 0).unwrap();
        assert_eq!(first.bytes.iter().filter(|&&b| b == b'\n').count(), 2);
        sink.write(LogStream::Stdout, b"o\n");
        sink.finish().unwrap();
        let second = read_log(&path, first.next_offset).unwrap();
        assert!(second.bytes.ends_with(b"stdout two\n"));
        assert_eq!(read_log(&path, second.next_offset).unwrap().bytes, b"");
        let chunk = rx.try_recv().unwrap();
        assert_eq!(chunk.key.action, "Compile");
        assert!(chunk.lines.ends_with(b"stdout one\n"));
    }

    #[test]
    fn a_flood_of_a_million_lines_is_kept_without_waiting_for_followers() {
        let dir = tempfile::tempdir().unwrap();
        let hub = LogHub::new();
        // A follower that never reads: it lags, the sink goes on.
        let _idle = hub.subscribe();
        let sink = LogSink::create(dir.path(), key(), Some(hub), LOG_CAP_BYTES).unwrap();
        let chunk: Vec<u8> = (0..1000)
            .flat_map(|i| format!("line {i:04}\n").into_bytes())
            .collect();
        for _ in 0..1000 {
            // Pieces as a daemon sends them, cut mid-line.
            let (a, b) = chunk.split_at(4097);
            sink.write(LogStream::Stdout, a);
            sink.write(LogStream::Stdout, b);
        }
        sink.finish().unwrap();
        assert!(!sink.truncated());
        let text = fs::read(dir.path().join(key().relative_path())).unwrap();
        assert_eq!(text.iter().filter(|&&b| b == b'\n').count(), 1_000_000);
        assert!(text.ends_with(b" stdout line 0999\n"));
    }

    #[test]
    fn names_cannot_escape_the_logs_folder() {
        let k = LogKey {
            execution_id: "../x".into(),
            stage: "..".into(),
            action: "a/b".into(),
            attempt: 2,
        };
        assert_eq!(k.relative_path(), Path::new("logs/.._x/___/a_b.2.log"));
    }
}
