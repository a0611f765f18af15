-- Metrics rollups (see execution/metrics.rs): kept up to date by triggers on every write of
-- an execution, stage or action, and filled from the existing rows at the end.

-- Ended executions per pipeline, UTC start day, status and exact duration in ms.
CREATE TABLE metric_runs (
    pipeline_id INTEGER NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
    day         TEXT NOT NULL,
    status      TEXT NOT NULL,
    duration_ms INTEGER NOT NULL,
    runs        INTEGER NOT NULL,
    PRIMARY KEY (pipeline_id, day, status, duration_ms)
) WITHOUT ROWID;

-- Ended stage attempts (action_name '') and action attempts per pipeline, start day of their
-- execution, stage, action and duration bucket (two significant digits of whole ms).
CREATE TABLE metric_steps (
    pipeline_id INTEGER NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
    day         TEXT NOT NULL,
    stage_name  TEXT NOT NULL,
    action_name TEXT NOT NULL,
    bucket_ms   INTEGER NOT NULL,
    runs        INTEGER NOT NULL,
    failures    INTEGER NOT NULL,
    total_ms    INTEGER NOT NULL,
    PRIMARY KEY (pipeline_id, day, stage_name, action_name, bucket_ms)
) WITHOUT ROWID;

-- The same over all time.
CREATE TABLE metric_step_totals (
    pipeline_id INTEGER NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
    stage_name  TEXT NOT NULL,
    action_name TEXT NOT NULL,
    bucket_ms   INTEGER NOT NULL,
    runs        INTEGER NOT NULL,
    failures    INTEGER NOT NULL,
    total_ms    INTEGER NOT NULL,
    PRIMARY KEY (pipeline_id, stage_name, action_name, bucket_ms)
) WITHOUT ROWID;

-- A succeeded execution that ended a run of failures: from the pipeline's first failure after
-- its previous success to this success, by end time.
CREATE TABLE metric_recoveries (
    execution_id TEXT PRIMARY KEY REFERENCES executions(id) ON DELETE CASCADE,
    pipeline_id  INTEGER NOT NULL,
    start_time   TEXT NOT NULL,
    recovery_ms  REAL NOT NULL
);
CREATE INDEX metric_recoveries_by_pipeline ON metric_recoveries(pipeline_id, start_time);

-- Finds a pipeline's latest success and first failure after it, by end time.
CREATE INDEX executions_by_outcome ON executions(pipeline_id, status, last_update_time);

-- Changes to the rollups go through these views (one place for the arithmetic): insert a row
-- with sign 1 to add an attempt, -1 to take it out.
CREATE VIEW metric_run_changes AS
    SELECT 0 AS pipeline_id, '' AS day, '' AS status, 0 AS ms, 0 AS sign WHERE 0;

CREATE TRIGGER metric_run_change INSTEAD OF INSERT ON metric_run_changes
BEGIN
    INSERT INTO metric_runs (pipeline_id, day, status, duration_ms, runs)
    VALUES (NEW.pipeline_id, NEW.day, NEW.status, NEW.ms, NEW.sign)
    ON CONFLICT DO UPDATE SET runs = runs + excluded.runs;
    DELETE FROM metric_runs
    WHERE NEW.sign < 0 AND pipeline_id = NEW.pipeline_id AND day = NEW.day AND status = NEW.status
      AND duration_ms = NEW.ms AND runs <= 0;
END;

CREATE VIEW metric_step_changes AS
    SELECT 0 AS pipeline_id, '' AS day, '' AS stage_name, '' AS action_name, 0 AS ms,
           0 AS failed, 0 AS sign WHERE 0;

CREATE TRIGGER metric_step_change INSTEAD OF INSERT ON metric_step_changes
BEGIN
    INSERT INTO metric_steps
        (pipeline_id, day, stage_name, action_name, bucket_ms, runs, failures, total_ms)
    SELECT NEW.pipeline_id, NEW.day, NEW.stage_name, NEW.action_name, b.bucket, NEW.sign,
           NEW.sign * NEW.failed, NEW.sign * NEW.ms
    FROM (SELECT CASE WHEN NEW.ms < 100 THEN NEW.ms
                 ELSE (NEW.ms / p.p) * p.p END AS bucket
          FROM (SELECT CAST('1' || substr('000000000000000000', 1, length(NEW.ms) - 2)
                       AS INTEGER) AS p) p) b
    WHERE 1
    ON CONFLICT DO UPDATE SET runs = runs + excluded.runs,
        failures = failures + excluded.failures, total_ms = total_ms + excluded.total_ms;
    INSERT INTO metric_step_totals
        (pipeline_id, stage_name, action_name, bucket_ms, runs, failures, total_ms)
    SELECT NEW.pipeline_id, NEW.stage_name, NEW.action_name, b.bucket, NEW.sign,
           NEW.sign * NEW.failed, NEW.sign * NEW.ms
    FROM (SELECT CASE WHEN NEW.ms < 100 THEN NEW.ms
                 ELSE (NEW.ms / p.p) * p.p END AS bucket
          FROM (SELECT CAST('1' || substr('000000000000000000', 1, length(NEW.ms) - 2)
                       AS INTEGER) AS p) p) b
    WHERE 1
    ON CONFLICT DO UPDATE SET runs = runs + excluded.runs,
        failures = failures + excluded.failures, total_ms = total_ms + excluded.total_ms;
    DELETE FROM metric_steps WHERE NEW.sign < 0 AND runs <= 0
        AND pipeline_id = NEW.pipeline_id
        AND day = NEW.day AND stage_name = NEW.stage_name AND action_name = NEW.action_name;
    DELETE FROM metric_step_totals WHERE NEW.sign < 0 AND runs <= 0
        AND pipeline_id = NEW.pipeline_id
        AND stage_name = NEW.stage_name AND action_name = NEW.action_name;
END;

-- Executions: ended = anything but InProgress and Stopping.
CREATE TRIGGER metric_executions_insert AFTER INSERT ON executions
WHEN NEW.status NOT IN ('InProgress', 'Stopping')
BEGIN
    INSERT INTO metric_run_changes
    SELECT NEW.pipeline_id, substr(NEW.start_time, 1, 10), NEW.status,
           MAX(0, IFNULL(CAST(ROUND((julianday(NEW.last_update_time) - julianday(NEW.start_time))
               * 86400000.0) AS INTEGER), 0)), 1;
END;

CREATE TRIGGER metric_executions_update
AFTER UPDATE OF status, start_time, last_update_time ON executions
WHEN OLD.status NOT IN ('InProgress', 'Stopping') OR NEW.status NOT IN ('InProgress', 'Stopping')
BEGIN
    INSERT INTO metric_run_changes
    SELECT OLD.pipeline_id, substr(OLD.start_time, 1, 10), OLD.status,
           MAX(0, IFNULL(CAST(ROUND((julianday(OLD.last_update_time) - julianday(OLD.start_time))
               * 86400000.0) AS INTEGER), 0)), -1
    WHERE OLD.status NOT IN ('InProgress', 'Stopping');
    INSERT INTO metric_run_changes
    SELECT NEW.pipeline_id, substr(NEW.start_time, 1, 10), NEW.status,
           MAX(0, IFNULL(CAST(ROUND((julianday(NEW.last_update_time) - julianday(NEW.start_time))
               * 86400000.0) AS INTEGER), 0)), 1
    WHERE NEW.status NOT IN ('InProgress', 'Stopping');
END;

-- Stages and actions go first, while the execution still says which pipeline and day.
CREATE TRIGGER metric_executions_delete_steps BEFORE DELETE ON executions
BEGIN
    DELETE FROM action_executions WHERE execution_id = OLD.id;
    DELETE FROM stage_executions WHERE execution_id = OLD.id;
END;

CREATE TRIGGER metric_executions_delete AFTER DELETE ON executions
WHEN OLD.status NOT IN ('InProgress', 'Stopping')
BEGIN
    INSERT INTO metric_run_changes
    SELECT OLD.pipeline_id, substr(OLD.start_time, 1, 10), OLD.status,
           MAX(0, IFNULL(CAST(ROUND((julianday(OLD.last_update_time) - julianday(OLD.start_time))
               * 86400000.0) AS INTEGER), 0)), -1;
END;

-- Recoveries: recorded when an execution ends Succeeded, dropped when it no longer is.
CREATE TRIGGER metric_recoveries_insert AFTER INSERT ON executions
WHEN NEW.status = 'Succeeded'
BEGIN
    INSERT OR REPLACE INTO metric_recoveries (execution_id, pipeline_id, start_time, recovery_ms)
    SELECT NEW.id, NEW.pipeline_id, NEW.start_time,
           IFNULL(ROUND((julianday(NEW.last_update_time) - julianday(f.t)) * 86400000.0), 0)
    FROM (SELECT MIN(x.last_update_time) AS t FROM executions x
          WHERE x.pipeline_id = NEW.pipeline_id AND x.status = 'Failed'
            AND x.last_update_time <= NEW.last_update_time
            AND x.last_update_time > COALESCE((
                SELECT MAX(y.last_update_time) FROM executions y
                WHERE y.pipeline_id = NEW.pipeline_id AND y.status = 'Succeeded'
                  AND y.id <> NEW.id AND y.last_update_time <= NEW.last_update_time), '')) f
    WHERE f.t IS NOT NULL;
END;

CREATE TRIGGER metric_recoveries_update AFTER UPDATE OF status, last_update_time ON executions
WHEN OLD.status = 'Succeeded' OR NEW.status = 'Succeeded'
BEGIN
    DELETE FROM metric_recoveries WHERE execution_id = OLD.id;
    INSERT OR REPLACE INTO metric_recoveries (execution_id, pipeline_id, start_time, recovery_ms)
    SELECT NEW.id, NEW.pipeline_id, NEW.start_time,
           IFNULL(ROUND((julianday(NEW.last_update_time) - julianday(f.t)) * 86400000.0), 0)
    FROM (SELECT MIN(x.last_update_time) AS t FROM executions x
          WHERE x.pipeline_id = NEW.pipeline_id AND x.status = 'Failed'
            AND x.last_update_time <= NEW.last_update_time
            AND x.last_update_time > COALESCE((
                SELECT MAX(y.last_update_time) FROM executions y
                WHERE y.pipeline_id = NEW.pipeline_id AND y.status = 'Succeeded'
                  AND y.id <> NEW.id AND y.last_update_time <= NEW.last_update_time), '')) f
    WHERE NEW.status = 'Succeeded' AND f.t IS NOT NULL;
END;

-- Stages: ended = anything but InProgress, Stopping and Skipped.
CREATE TRIGGER metric_stages_insert AFTER INSERT ON stage_executions
WHEN NEW.status NOT IN ('InProgress', 'Stopping', 'Skipped')
BEGIN
    INSERT INTO metric_step_changes
    SELECT e.pipeline_id, substr(e.start_time, 1, 10), NEW.stage_name, '',
           MAX(0, IFNULL(CAST(ROUND((julianday(NEW.last_update_time) - julianday(NEW.start_time))
               * 86400000.0) AS INTEGER), 0)), NEW.status = 'Failed', 1
    FROM executions e WHERE e.id = NEW.execution_id;
END;

CREATE TRIGGER metric_stages_update
AFTER UPDATE OF status, start_time, last_update_time ON stage_executions
WHEN OLD.status NOT IN ('InProgress', 'Stopping', 'Skipped')
  OR NEW.status NOT IN ('InProgress', 'Stopping', 'Skipped')
BEGIN
    INSERT INTO metric_step_changes
    SELECT e.pipeline_id, substr(e.start_time, 1, 10), OLD.stage_name, '',
           MAX(0, IFNULL(CAST(ROUND((julianday(OLD.last_update_time) - julianday(OLD.start_time))
               * 86400000.0) AS INTEGER), 0)), OLD.status = 'Failed', -1
    FROM executions e WHERE e.id = OLD.execution_id
      AND OLD.status NOT IN ('InProgress', 'Stopping', 'Skipped');
    INSERT INTO metric_step_changes
    SELECT e.pipeline_id, substr(e.start_time, 1, 10), NEW.stage_name, '',
           MAX(0, IFNULL(CAST(ROUND((julianday(NEW.last_update_time) - julianday(NEW.start_time))
               * 86400000.0) AS INTEGER), 0)), NEW.status = 'Failed', 1
    FROM executions e WHERE e.id = NEW.execution_id
      AND NEW.status NOT IN ('InProgress', 'Stopping', 'Skipped');
END;

CREATE TRIGGER metric_stages_delete AFTER DELETE ON stage_executions
WHEN OLD.status NOT IN ('InProgress', 'Stopping', 'Skipped')
BEGIN
    INSERT INTO metric_step_changes
    SELECT e.pipeline_id, substr(e.start_time, 1, 10), OLD.stage_name, '',
           MAX(0, IFNULL(CAST(ROUND((julianday(OLD.last_update_time) - julianday(OLD.start_time))
               * 86400000.0) AS INTEGER), 0)), OLD.status = 'Failed', -1
    FROM executions e WHERE e.id = OLD.execution_id;
END;

-- Actions: ended = anything but InProgress.
CREATE TRIGGER metric_actions_insert AFTER INSERT ON action_executions
WHEN NEW.status <> 'InProgress'
BEGIN
    INSERT INTO metric_step_changes
    SELECT e.pipeline_id, substr(e.start_time, 1, 10), NEW.stage_name, NEW.action_name,
           MAX(0, IFNULL(CAST(ROUND((julianday(NEW.last_update_time) - julianday(NEW.start_time))
               * 86400000.0) AS INTEGER), 0)), NEW.status = 'Failed', 1
    FROM executions e WHERE e.id = NEW.execution_id;
END;

CREATE TRIGGER metric_actions_update
AFTER UPDATE OF status, start_time, last_update_time ON action_executions
WHEN OLD.status <> 'InProgress' OR NEW.status <> 'InProgress'
BEGIN
    INSERT INTO metric_step_changes
    SELECT e.pipeline_id, substr(e.start_time, 1, 10), OLD.stage_name, OLD.action_name,
           MAX(0, IFNULL(CAST(ROUND((julianday(OLD.last_update_time) - julianday(OLD.start_time))
               * 86400000.0) AS INTEGER), 0)), OLD.status = 'Failed', -1
    FROM executions e WHERE e.id = OLD.execution_id AND OLD.status <> 'InProgress';
    INSERT INTO metric_step_changes
    SELECT e.pipeline_id, substr(e.start_time, 1, 10), NEW.stage_name, NEW.action_name,
           MAX(0, IFNULL(CAST(ROUND((julianday(NEW.last_update_time) - julianday(NEW.start_time))
               * 86400000.0) AS INTEGER), 0)), NEW.status = 'Failed', 1
    FROM executions e WHERE e.id = NEW.execution_id AND NEW.status <> 'InProgress';
END;

CREATE TRIGGER metric_actions_delete AFTER DELETE ON action_executions
WHEN OLD.status <> 'InProgress'
BEGIN
    INSERT INTO metric_step_changes
    SELECT e.pipeline_id, substr(e.start_time, 1, 10), OLD.stage_name, OLD.action_name,
           MAX(0, IFNULL(CAST(ROUND((julianday(OLD.last_update_time) - julianday(OLD.start_time))
               * 86400000.0) AS INTEGER), 0)), OLD.status = 'Failed', -1
    FROM executions e WHERE e.id = OLD.execution_id;
END;

-- Fill from what is already recorded.
INSERT INTO metric_run_changes
SELECT pipeline_id, substr(start_time, 1, 10), status,
       MAX(0, IFNULL(CAST(ROUND((julianday(last_update_time) - julianday(start_time)) * 86400000.0)
           AS INTEGER), 0)), 1
FROM executions WHERE status NOT IN ('InProgress', 'Stopping');

INSERT INTO metric_step_changes
SELECT e.pipeline_id, substr(e.start_time, 1, 10), s.stage_name, '',
       MAX(0, IFNULL(CAST(ROUND((julianday(s.last_update_time) - julianday(s.start_time)) * 86400000.0)
           AS INTEGER), 0)), s.status = 'Failed', 1
FROM stage_executions s JOIN executions e ON e.id = s.execution_id
WHERE s.status NOT IN ('InProgress', 'Stopping', 'Skipped');

INSERT INTO metric_step_changes
SELECT e.pipeline_id, substr(e.start_time, 1, 10), a.stage_name, a.action_name,
       MAX(0, IFNULL(CAST(ROUND((julianday(a.last_update_time) - julianday(a.start_time)) * 86400000.0)
           AS INTEGER), 0)), a.status = 'Failed', 1
FROM action_executions a JOIN executions e ON e.id = a.execution_id
WHERE a.status <> 'InProgress';

INSERT INTO metric_recoveries (execution_id, pipeline_id, start_time, recovery_ms)
SELECT id, pipeline_id, start_time, IFNULL(ROUND((julianday(last_update_time) - julianday(t)) * 86400000.0), 0)
FROM (SELECT s.id, s.pipeline_id, s.start_time, s.last_update_time,
             (SELECT MIN(x.last_update_time) FROM executions x
              WHERE x.pipeline_id = s.pipeline_id AND x.status = 'Failed'
                AND x.last_update_time <= s.last_update_time
                AND x.last_update_time > COALESCE((
                    SELECT MAX(y.last_update_time) FROM executions y
                    WHERE y.pipeline_id = s.pipeline_id AND y.status = 'Succeeded'
                      AND y.id <> s.id AND y.last_update_time <= s.last_update_time), '')) AS t
      FROM executions s WHERE s.status = 'Succeeded')
WHERE t IS NOT NULL;
