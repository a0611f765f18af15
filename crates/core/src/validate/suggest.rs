//! "Did you mean …?" for unknown fields, keys, names and enum values.

/// The candidate closest to `word`: equal ignoring case, or within a small edit distance
/// (1 for words of up to 3 characters, 2 otherwise). `None` when nothing is close.
pub(crate) fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower = word.to_lowercase();
    let limit = if word.chars().count() <= 3 { 1 } else { 2 };
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        if c == word {
            continue;
        }
        let cl = c.to_lowercase();
        let d = if cl == lower {
            0
        } else {
            distance(&lower, &cl)
        };
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance over chars; stops early for very different lengths.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 2 {
        return usize::MAX;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let fields = ["name", "runOrder", "configuration", "inputArtifacts"];
        assert_eq!(did_you_mean("runorder", fields), Some("runOrder"));
        assert_eq!(did_you_mean("runOder", fields), Some("runOrder"));
        assert_eq!(did_you_mean("nmae", fields), Some("name"));
        assert_eq!(
            did_you_mean("inputArtifact", fields),
            Some("inputArtifacts")
        );
        assert_eq!(did_you_mean("zzz", fields), None);
        assert_eq!(did_you_mean("name", fields), None);
        assert_eq!(did_you_mean("v2", ["V1", "V2"]), Some("V2"));
    }
}
