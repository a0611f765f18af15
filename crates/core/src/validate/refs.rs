//! Variable references in strings: `#{Namespace.Name}`, `#{variables.name}`,
//! `#{codepipeline.PipelineExecutionId}`.

/// One `#{…}` found in a string.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Reference<'a> {
    /// `#{namespace.name}`
    Var { namespace: &'a str, name: &'a str },
    /// `#{…}` that is not `namespace.name`, or `#{` without a closing `}`.
    Malformed(&'a str),
}

/// Every reference in `s`, left to right.
pub(crate) fn references(s: &str) -> Vec<Reference<'_>> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find("#{") {
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) => {
                let inner = &after[..end];
                out.push(
                    parse(inner).unwrap_or(Reference::Malformed(&rest[start..start + 2 + end + 1])),
                );
                rest = &after[end + 1..];
            }
            None => {
                out.push(Reference::Malformed(&rest[start..]));
                break;
            }
        }
    }
    out
}

fn parse(inner: &str) -> Option<Reference<'_>> {
    let (namespace, name) = inner.split_once('.')?;
    let ns_ok = !namespace.is_empty()
        && namespace
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '-' | '_'));
    let name_ok = !name.is_empty() && !name.contains(|c: char| c.is_whitespace() || c == '{');
    (ns_ok && name_ok).then_some(Reference::Var { namespace, name })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_references() {
        let r =
            references("a #{Src.CommitId} b #{variables.env}-#{codepipeline.PipelineExecutionId}");
        assert_eq!(
            r,
            vec![
                Reference::Var {
                    namespace: "Src",
                    name: "CommitId"
                },
                Reference::Var {
                    namespace: "variables",
                    name: "env"
                },
                Reference::Var {
                    namespace: "codepipeline",
                    name: "PipelineExecutionId"
                },
            ]
        );
        assert_eq!(references("no refs ${HOME} {x}"), vec![]);
        assert_eq!(
            references("#{nodot}"),
            vec![Reference::Malformed("#{nodot}")]
        );
        assert_eq!(
            references("x #{Src.Commit"),
            vec![Reference::Malformed("#{Src.Commit")]
        );
    }
}
