//! Percentiles and buckets for the metrics: nearest-rank percentiles over counted values, and
//! the two-significant-digit duration buckets of stages and actions (the SQL in
//! `rollup.sql` computes the same buckets; a test checks they agree).

use pipewright_core::api::Durations;
use std::collections::BTreeMap;

/// Counted values (a duration in ms → how many times it occurred), in ascending order.
pub(super) type Counted = BTreeMap<i64, u64>;

/// Counted values as (value, count) pairs, sorted by value (equal values may repeat).
pub(super) fn sorted(mut pairs: Vec<(i64, u64)>) -> Vec<(i64, u64)> {
    pairs.sort_unstable_by_key(|(v, _)| *v);
    pairs
}

/// The bucket of a duration: whole milliseconds rounded down to two significant digits
/// (87 → 87, 1234 → 1200, 20500 → 20000).
pub(super) fn bucket(ms: i64) -> i64 {
    let ms = ms.max(0);
    if ms < 100 {
        return ms;
    }
    let step = 10_i64.pow(ms.to_string().len() as u32 - 2);
    ms / step * step
}

/// What a bucket reports: its middle (exact below 100 ms, within 5% above).
pub(super) fn bucket_value(bucket: i64) -> f64 {
    if bucket < 100 {
        return bucket as f64;
    }
    let step = 10_i64.pow(bucket.to_string().len() as u32 - 2);
    bucket as f64 + step as f64 / 2.0
}

/// Nearest-rank percentile `q` (0–1) of counted values, mapped through `value`.
pub(super) fn percentile<'a>(
    values: impl IntoIterator<Item = (&'a i64, &'a u64)> + Clone,
    q: f64,
    value: impl Fn(i64) -> f64,
) -> Option<f64> {
    let total: u64 = values.clone().into_iter().map(|(_, n)| *n).sum();
    if total == 0 {
        return None;
    }
    let rank = ((q * total as f64).ceil() as u64).clamp(1, total);
    let mut seen = 0;
    for (v, n) in values {
        seen += n;
        if seen >= rank {
            return Some(value(*v));
        }
    }
    None
}

/// Count, p50, p95 and mean of exact durations, as pairs sorted by value.
pub(super) fn exact(values: &[(i64, u64)]) -> Durations {
    let count: u64 = values.iter().map(|(_, n)| n).sum();
    let total: f64 = values.iter().map(|(v, n)| *v as f64 * *n as f64).sum();
    let pairs = values.iter().map(|(v, n)| (v, n));
    Durations {
        count,
        p50_ms: percentile(pairs.clone(), 0.50, |v| v as f64),
        p95_ms: percentile(pairs, 0.95, |v| v as f64),
        mean_ms: (count > 0).then(|| total / count as f64),
    }
}

/// Count, p50 and p95 of bucketed durations, with the exact mean from their total.
pub(super) fn bucketed(buckets: &Counted, total_ms: f64) -> Durations {
    let count: u64 = buckets.values().sum();
    Durations {
        count,
        p50_ms: percentile(buckets.iter(), 0.50, bucket_value),
        p95_ms: percentile(buckets.iter(), 0.95, bucket_value),
        mean_ms: (count > 0).then(|| total_ms / count as f64),
    }
}

/// Count, p50, p95 and mean of a list of exact (fractional) durations.
pub(super) fn of_list(mut values: Vec<f64>) -> Durations {
    values.sort_by(f64::total_cmp);
    let at = |q: f64| {
        let n = values.len();
        (n > 0).then(|| values[((q * n as f64).ceil() as usize).clamp(1, n) - 1])
    };
    Durations {
        count: values.len() as u64,
        p50_ms: at(0.50),
        p95_ms: at(0.95),
        mean_ms: (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_keep_two_significant_digits() {
        assert_eq!(bucket(-5), 0);
        assert_eq!(bucket(87), 87);
        assert_eq!(bucket(100), 100);
        assert_eq!(bucket(1234), 1200);
        assert_eq!(bucket(20_999), 20_000);
        assert_eq!(bucket(123_456_789), 120_000_000);
        assert_eq!(bucket_value(87), 87.0);
        assert_eq!(bucket_value(1200), 1250.0);
        assert_eq!(bucket_value(20_000), 20_500.0);
        // Every duration is within 5% of what its bucket reports.
        for ms in (100..200_000).step_by(7) {
            let err = (bucket_value(bucket(ms)) - ms as f64).abs() / ms as f64;
            assert!(err <= 0.05, "{ms}: {err}");
        }
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Counted = (1..=100).map(|i| (i, 1)).collect();
        assert_eq!(percentile(&v, 0.5, |x| x as f64), Some(50.0));
        assert_eq!(percentile(&v, 0.95, |x| x as f64), Some(95.0));
        assert_eq!(percentile(&Counted::new(), 0.5, |x| x as f64), None);
        let h: Counted = [(10, 50), (20, 45), (90, 5)].into_iter().collect();
        assert_eq!(percentile(&h, 0.5, |x| x as f64), Some(10.0));
        assert_eq!(percentile(&h, 0.95, |x| x as f64), Some(20.0));
        assert_eq!(percentile(&h, 0.96, |x| x as f64), Some(90.0));
        // Repeated values in sorted pairs count together.
        let pairs = sorted(vec![(20, 25), (10, 50), (90, 5), (20, 20)]);
        assert_eq!(exact(&pairs).p95_ms, Some(20.0));
        let h: Vec<(i64, u64)> = h.into_iter().collect();
        let d = exact(&h);
        assert_eq!(d.count, 100);
        assert_eq!(d.mean_ms, Some((500.0 + 900.0 + 450.0) / 100.0));
        let l = of_list(vec![3.0, 1.0, 2.0, 4.0]);
        assert_eq!(
            (l.p50_ms, l.p95_ms, l.mean_ms),
            (Some(2.0), Some(4.0), Some(2.5))
        );
        assert_eq!(of_list(vec![]).p50_ms, None);
    }
}
