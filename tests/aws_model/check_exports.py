#!/usr/bin/env python3
"""Check exported CodePipeline JSON files against AWS's own model, as the AWS CLI would.

For each `*.json` file in FOLDER, the `pipeline` object is checked against the `pipeline`
member of botocore's `codepipeline` CreatePipeline input:

- botocore's ParamValidator: required members, types, unknown keys, and the minimums it
  checks (list lengths, numeric ranges, string minimum lengths);
- a walk over the same shape tree for what ParamValidator leaves out: enums (`shape.enum`),
  patterns (`shape.metadata['pattern']`, which must match the whole value) and maximum
  lengths / values (`shape.metadata['max']`), plus minimums again.

Prints one line per file and a final `N passed, N failed`; exits 1 on any failure, 2 on usage
errors. `--self-test` feeds deliberately bad documents and fails unless each is rejected, so
the checker itself is shown to be able to fail.

Usage:
    python3 tests/aws_model/check_exports.py FOLDER
    python3 tests/aws_model/check_exports.py --self-test

Setup (once): python3 -m venv .venv && .venv/bin/pip install -r tests/aws_model/requirements.txt
"""

import copy
import json
import re
import sys
from pathlib import Path

try:
    import botocore.session
    from botocore.validate import ParamValidator
except ImportError:  # pragma: no cover - environment problem
    print(
        "botocore is not installed: python3 -m venv .venv && "
        ".venv/bin/pip install -r tests/aws_model/requirements.txt",
        file=sys.stderr,
    )
    sys.exit(2)


def pipeline_shape():
    model = botocore.session.get_session().get_service_model("codepipeline")
    return model.operation_model("CreatePipeline").input_shape.members["pipeline"]


def walk(shape, value, path, errors):
    """Check enums, patterns, and min/max lengths and values below `shape`."""
    meta = shape.metadata
    kind = shape.type_name
    where = path or "/"
    if kind == "structure":
        if not isinstance(value, dict):
            return  # ParamValidator reports the type
        for key, member_value in value.items():
            member = shape.members.get(key)
            if member is not None:
                walk(member, member_value, f"{path}/{key}", errors)
    elif kind == "list":
        if not isinstance(value, list):
            return
        check_range(len(value), meta, where, "entries", errors)
        for i, item in enumerate(value):
            walk(shape.member, item, f"{path}/{i}", errors)
    elif kind == "map":
        if not isinstance(value, dict):
            return
        check_range(len(value), meta, where, "entries", errors)
        for key, item in value.items():
            walk(shape.key, key, f"{path}/{key} (key)", errors)
            walk(shape.value, item, f"{path}/{key}", errors)
    elif kind == "string":
        if not isinstance(value, str):
            return
        enum = getattr(shape, "enum", None) or meta.get("enum")
        if enum and value not in enum:
            errors.append(f"{where}: {value!r} is not one of {enum}")
        check_range(len(value), meta, where, "characters", errors)
        pattern = meta.get("pattern")
        if pattern is not None and re.fullmatch(pattern, value) is None:
            errors.append(f"{where}: {value!r} does not match the pattern {pattern!r}")
    elif kind in ("integer", "long", "double", "float"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return
        check_range(value, meta, where, "", errors)


def check_range(n, meta, where, unit, errors):
    lo, hi = meta.get("min"), meta.get("max")
    suffix = f" {unit}" if unit else ""
    if lo is not None and n < lo:
        errors.append(f"{where}: {n}{suffix}, fewer than the minimum {lo}")
    if hi is not None and n > hi:
        errors.append(f"{where}: {n}{suffix}, more than the maximum {hi}")


def check_document(doc, shape):
    """Every problem with one exported document, as strings; empty when it passes."""
    if not isinstance(doc, dict) or set(doc) != {"pipeline"}:
        keys = sorted(doc) if isinstance(doc, dict) else type(doc).__name__
        return [f"the top level must be exactly {{'pipeline': ...}}, got {keys}"]
    errors = []
    report = ParamValidator().validate(doc["pipeline"], shape)
    if report.has_errors():
        errors.extend(line.strip() for line in report.generate_report().splitlines() if line.strip())
    walk(shape, doc["pipeline"], "", errors)
    return errors


def check_folder(folder):
    shape = pipeline_shape()
    files = sorted(Path(folder).glob("*.json"))
    if not files:
        print(f"no *.json files in {folder}", file=sys.stderr)
        return 2
    passed = failed = 0
    for path in files:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            errors = check_document(doc, shape)
        except (OSError, ValueError) as e:
            errors = [f"cannot read: {e}"]
        if errors:
            failed += 1
            print(f"FAIL {path.name}")
            for e in errors:
                print(f"     {e}")
        else:
            passed += 1
            print(f"ok   {path.name}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


GOOD = {
    "pipeline": {
        "name": "self-test",
        "roleArn": "arn:aws:iam::123456789012:role/pipewright-placeholder",
        "artifactStore": {"type": "S3", "location": "pipewright-placeholder-bucket"},
        "stages": [
            {
                "name": "Source",
                "actions": [
                    {
                        "name": "Source",
                        "actionTypeId": {"category": "Source", "owner": "AWS", "provider": "S3", "version": "1"},
                        "runOrder": 1,
                        "configuration": {"S3Bucket": "b", "S3ObjectKey": "k.zip"},
                        "outputArtifacts": [{"name": "Src"}],
                    }
                ],
            },
            {
                "name": "Build",
                "actions": [
                    {
                        "name": "Build",
                        "actionTypeId": {"category": "Build", "owner": "AWS", "provider": "CodeBuild", "version": "1"},
                        "runOrder": 1,
                        "configuration": {"ProjectName": "p"},
                        "inputArtifacts": [{"name": "Src"}],
                    }
                ],
            },
        ],
        "pipelineType": "V2",
        "executionMode": "QUEUED",
    }
}


def self_test():
    """The checker must accept GOOD and reject each mutation of it."""
    shape = pipeline_shape()
    ok = True
    problems = check_document(GOOD, shape)
    if problems:
        print(f"FAIL self-test: the good document was rejected: {problems}")
        ok = False
    else:
        print("ok   self-test: the good document passes")

    def mutate(fn):
        doc = copy.deepcopy(GOOD)
        fn(doc["pipeline"])
        return doc

    action = lambda p: p["stages"][1]["actions"][0]  # noqa: E731
    bad = {
        "runOrder 0 (minimum)": mutate(lambda p: action(p).update(runOrder=0)),
        "runOrder 1000 (maximum)": mutate(lambda p: action(p).update(runOrder=1000)),
        "bad category (enum)": mutate(lambda p: action(p)["actionTypeId"].update(category="Bake")),
        "bad executionMode (enum)": mutate(lambda p: p.update(executionMode="FAST")),
        "stage name with a space (pattern)": mutate(lambda p: p["stages"][0].update(name="My Source")),
        "artifact name with a dot (pattern)": mutate(lambda p: action(p)["inputArtifacts"][0].update(name="Src.zip")),
        "pipeline name of 101 characters (max length)": mutate(lambda p: p.update(name="x" * 101)),
        "configuration value of 1001 characters (max length)": mutate(
            lambda p: action(p)["configuration"].update(ProjectName="p" * 1001)
        ),
        "roleArn not a role (pattern)": mutate(lambda p: p.update(roleArn="arn:aws:iam::123456789012:user/x")),
        "unknown field runorder (ParamValidator)": mutate(lambda p: action(p).update(runorder=1)),
        "missing roleArn (required)": mutate(lambda p: p.pop("roleArn")),
        "runOrder as text (type)": mutate(lambda p: action(p).update(runOrder="1")),
        "51 commands (max list length)": mutate(lambda p: action(p).update(commands=["true"] * 51)),
        "pipewright object left in (unknown key)": mutate(lambda p: p.update(pipewright={})),
    }
    for label, doc in bad.items():
        problems = check_document(doc, shape)
        if problems:
            print(f"ok   self-test: rejected {label}: {problems[0]}")
        else:
            print(f"FAIL self-test: accepted {label}")
            ok = False
    print("self-test passed" if ok else "self-test FAILED")
    return 0 if ok else 1


def main(argv):
    if argv == ["--self-test"]:
        return self_test()
    if len(argv) != 1 or argv[0].startswith("-"):
        print(__doc__.strip().split("Usage:")[1].split("Setup")[0].rstrip(), file=sys.stderr)
        return 2
    if not Path(argv[0]).is_dir():
        print(f"{argv[0]} is not a folder", file=sys.stderr)
        return 2
    return check_folder(argv[0])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
