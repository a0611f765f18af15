//! Text → `serde_json::Value`: JSON or YAML detection, syntax errors with line and column, the
//! depth limit, and YAML-only features (merge keys, non-string keys, tags).

use super::MAX_DEPTH;
use crate::diagnostic::Diagnostic;
use serde_json::{Map, Number, Value};

/// Parse text into a JSON value. JSON-looking text (starting with `{` or `[`) is read with
/// serde_json for precise errors; if that fails but the text is valid YAML (a YAML flow
/// mapping also starts with `{`), the YAML reading is used.
pub(super) fn read_value(text: &str) -> Result<Value, Box<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.trim_start().chars().next();
    let Some(first) = first else {
        return Err(empty());
    };
    let looks_json = first == '{' || first == '[';
    if text_too_deep(text, looks_json) {
        return Err(too_deep());
    }
    if looks_json {
        match serde_json::from_str::<Value>(text) {
            Ok(v) => return Ok(v),
            Err(json_err) => {
                if is_recursion_error(&json_err.to_string()) {
                    return Err(too_deep());
                }
                // Maybe YAML flow style (`{pipeline: {…}}`, unquoted keys); text with JSON's
                // quoted keys is held to JSON, so its error (with line and column) is reported.
                let after = text.trim_start()[1..].trim_start();
                let json_keys = first == '[' || after.starts_with('"') || after.starts_with('}');
                if json_keys {
                    return Err(Box::new(json_syntax(&json_err)));
                }
                if let Ok(v) = read_yaml(text) {
                    if v.is_object() {
                        return Ok(v);
                    }
                }
                return Err(Box::new(json_syntax(&json_err)));
            }
        }
    }
    let v = read_yaml(text)?;
    if v.is_null() {
        return Err(empty());
    }
    Ok(v)
}

fn read_yaml(text: &str) -> Result<Value, Box<Diagnostic>> {
    let mut y: serde_yaml_ng::Value = serde_yaml_ng::from_str(text).map_err(|e| yaml_error(&e))?;
    y.apply_merge().map_err(|e| yaml_error(&e))?;
    let mut pointer = String::new();
    yaml_to_json(y, &mut pointer, 0)
}

/// Iteratively measures nesting; `Some(E_TOO_DEEP)` above [`MAX_DEPTH`].
pub(super) fn check_depth(v: &Value) -> Option<Diagnostic> {
    let mut stack: Vec<(&Value, usize)> = vec![(v, 1)];
    while let Some((v, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return Some(*too_deep());
        }
        match v {
            Value::Array(a) => stack.extend(a.iter().map(|c| (c, depth + 1))),
            Value::Object(o) => stack.extend(o.values().map(|c| (c, depth + 1))),
            _ => {}
        }
    }
    None
}

/// Nesting allowed by the raw-text estimate below: above [`MAX_DEPTH`] (the estimate may
/// over-count a little for YAML) and below the parsers' own limits (128), so that no parser
/// ever recurses deeply, whatever the input.
const TEXT_DEPTH_LIMIT: usize = 100;

/// A linear scan of the raw text that estimates its nesting without parsing it. JSON: brackets
/// outside strings. YAML: the block indentation stack, `- ` markers and flow brackets outside
/// quotes and comments (block scalars' content is skipped). Deliberately simple and
/// conservative: it exists so that absurd input is refused before a parser sees it.
fn text_too_deep(text: &str, json: bool) -> bool {
    if json {
        json_depth_exceeds(text, TEXT_DEPTH_LIMIT)
    } else {
        yaml_depth_exceeds(text, TEXT_DEPTH_LIMIT)
    }
}

fn json_depth_exceeds(text: &str, limit: usize) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for b in text.bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

fn yaml_depth_exceeds(text: &str, limit: usize) -> bool {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    // Indentation of the line that opened a block scalar (`|`, `>`), while inside one.
    let mut block_scalar: Option<usize> = None;
    for line in text.lines() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if let Some(parent) = block_scalar {
            if rest.trim().is_empty() || indent > parent {
                continue;
            }
            block_scalar = None;
        }
        if rest.trim().is_empty() || rest.starts_with('#') {
            continue;
        }
        let mut depth_here = 0;
        if flow == 0 {
            while indents.last().is_some_and(|&top| top > indent) {
                indents.pop();
            }
            if indents.last().is_none_or(|&top| top < indent) {
                indents.push(indent);
            }
            let mut r = rest;
            while let Some(after) = r.strip_prefix("- ").or_else(|| r.strip_prefix("-\t")) {
                depth_here += 1;
                r = after.trim_start();
            }
            if r == "-" {
                depth_here += 1;
            }
        }
        // Flow brackets outside quotes and comments.
        let (mut quote, mut prev) = (None::<u8>, b' ');
        for b in rest.bytes() {
            match quote {
                Some(q) => {
                    if b == q {
                        quote = None;
                    }
                }
                None => match b {
                    b'\'' | b'"' => quote = Some(b),
                    b'#' if prev == b' ' || prev == b'\t' => break,
                    b'[' | b'{' => flow += 1,
                    b']' | b'}' => flow = flow.saturating_sub(1),
                    _ => {}
                },
            }
            if indents.len() + depth_here + flow > limit {
                return true;
            }
            prev = b;
        }
        if indents.len() + depth_here + flow > limit {
            return true;
        }
        let code = rest.split(" #").next().unwrap_or(rest).trim_end();
        if flow == 0
            && (code.ends_with('|')
                || code.ends_with('>')
                || code.ends_with("|-")
                || code.ends_with(">-")
                || code.ends_with("|+")
                || code.ends_with(">+"))
        {
            block_scalar = Some(indent);
        }
    }
    false
}

fn yaml_to_json(
    y: serde_yaml_ng::Value,
    pointer: &mut String,
    depth: usize,
) -> Result<Value, Box<Diagnostic>> {
    use serde_yaml_ng::Value as Y;
    if depth > MAX_DEPTH {
        return Err(too_deep());
    }
    Ok(match y {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::Number(i.into())
            } else if let Some(u) = n.as_u64() {
                Value::Number(u.into())
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                match Number::from_f64(f) {
                    Some(num) => Value::Number(num),
                    // .nan / .inf have no JSON number; keep their YAML spelling.
                    None => Value::String(n.to_string()),
                }
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(seq) => {
            let mut out = Vec::with_capacity(seq.len());
            for (i, item) in seq.into_iter().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&i.to_string());
                out.push(yaml_to_json(item, pointer, depth + 1)?);
                pointer.truncate(len);
            }
            Value::Array(out)
        }
        Y::Mapping(map) => {
            let mut out = Map::with_capacity(map.len());
            for (k, v) in map {
                let key = match k {
                    Y::String(s) => s,
                    Y::Bool(b) => b.to_string(),
                    Y::Number(n) => n.to_string(),
                    Y::Null => "null".to_string(),
                    _ => {
                        return Err(Box::new(Diagnostic::error(
                            "E_SYNTAX",
                            "",
                            format!(
                                "a key at `{}` is a list or an object; keys must be plain names",
                                display_pointer(pointer)
                            ),
                        )))
                    }
                };
                let len = pointer.len();
                super::shape::push_pointer(pointer, &key);
                let value = yaml_to_json(v, pointer, depth + 1)?;
                pointer.truncate(len);
                out.insert(key, value);
            }
            Value::Object(out)
        }
        Y::Tagged(tagged) => {
            return Err(Box::new(Diagnostic::error(
                "E_YAML_TAG",
                "",
                format!(
                    "the YAML tag `{}` at `{}` is not supported (CloudFormation's !Ref, !Sub and the like are not part of a pipeline file); write the plain value instead",
                    tagged.tag,
                    display_pointer(pointer)
                ),
            )))
        }
    })
}

fn display_pointer(p: &str) -> &str {
    if p.is_empty() {
        "/"
    } else {
        p
    }
}

fn empty() -> Box<Diagnostic> {
    Box::new(Diagnostic::error(
        "E_EMPTY",
        "",
        "the file is empty; a pipeline file holds {\"pipeline\": {\"name\": …, \"stages\": […]}} in JSON or YAML",
    ))
}

fn too_deep() -> Box<Diagnostic> {
    Box::new(Diagnostic::error(
        "E_TOO_DEEP",
        "",
        format!(
            "the file nests objects and lists more than {MAX_DEPTH} levels deep, far more than any pipeline; check that this is the right file"
        ),
    ))
}

fn is_recursion_error(msg: &str) -> bool {
    msg.contains("recursion limit exceeded")
}

fn json_syntax(e: &serde_json::Error) -> Diagnostic {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let msg = full.strip_suffix(&suffix).unwrap_or(&full);
    let what = if e.is_eof() {
        "the JSON ends too early"
    } else {
        "the file is not valid JSON"
    };
    Diagnostic::error(
        "E_SYNTAX",
        "",
        format!(
            "{what} at line {}, column {}: {msg}; fix the text there (a missing comma, quote or bracket is the usual cause)",
            e.line(),
            e.column()
        ),
    )
}

fn yaml_error(e: &serde_yaml_ng::Error) -> Box<Diagnostic> {
    let full = e.to_string();
    if is_recursion_error(&full) {
        return too_deep();
    }
    if full.contains("repetition limit exceeded") {
        return Box::new(Diagnostic::error(
            "E_TOO_LARGE",
            "",
            "the YAML expands aliases (*name) into far more values than a pipeline has; remove the repeated aliases",
        ));
    }
    let msg = match e.location() {
        Some(loc) => {
            let suffix = format!(" at line {} column {}", loc.line(), loc.column());
            let msg = full.strip_suffix(&suffix).unwrap_or(&full);
            format!(
                "the file is not valid YAML at line {}, column {}: {msg}; fix the text there (indentation and unquoted `:` are the usual causes)",
                loc.line(),
                loc.column()
            )
        }
        None => format!("the file is not valid YAML: {full}; fix it and try again"),
    };
    Box::new(Diagnostic::error("E_SYNTAX", "", msg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_estimates() {
        assert!(!json_depth_exceeds(
            r#"{"a": "[[[[[[[[[[[[", "b": [1, {"c": 2}]}"#,
            3
        ));
        assert!(json_depth_exceeds("[[[[1]]]]", 3));
        assert!(!json_depth_exceeds(r#"{"a": "\"[[[[["}"#, 1));
        assert!(yaml_depth_exceeds("a: [[[[1]]]]", 3));
        assert!(!yaml_depth_exceeds("a: '[[[[' # [[[[\nb: c", 2));
        assert!(yaml_depth_exceeds("a:\n b:\n  c:\n   d: 1\n", 3));
        assert!(!yaml_depth_exceeds("a:\n b:\n c:\n d: 1\n", 3));
        assert!(yaml_depth_exceeds("- - - - a\n", 3));
        // Block scalars' content is text, however it is indented.
        let script = "a:\n  run: |\n    if x; then\n        if y; then\n            if z; then\n                true\nb: 1\n";
        assert!(!yaml_depth_exceeds(script, 3));
    }
}
