#!/usr/bin/env python3
"""Keeps the .proto comments and PROTOCOL.md one truth where a machine can tell (run by
`Proto/generate.sh --check`):

- every reason a .proto comment names (quoted, or after "refused"/"reason") is in Proto/reasons.json;
- every "PROTOCOL.md §N" in the contract, the sources and the clients names a section that exists;
- every bound a .proto comment states as "1 to N; 0 means M" appears in PROTOCOL.md as well.
"""

import json
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
reasons = {entry["reason"] for entry in json.loads((root / "Proto/reasons.json").read_text())}
# Reasons of GoAway and Response status, and the names of states that are not reasons.
not_reasons = {"shutting_down"}
protocol = (root / "PROTOCOL.md").read_text()
sections = set(re.findall(r"^#{2,3} (\d+(?:\.\d+)?)\.? ", protocol, re.M))
problems = []

for proto in sorted((root / "Proto/licit/v1").glob("*.proto")):
    for number, line in enumerate(proto.read_text().splitlines(), 1):
        if "//" not in line:
            continue
        comment = line.split("//", 1)[1]
        named = re.findall(r'"([a-z]+(?:_[a-z]+)+)"', comment)
        named += re.findall(r"(?:refused|reason)\s+([a-z]+(?:_[a-z]+)+)", comment)
        for reason in named:
            if reason not in reasons and reason not in not_reasons:
                problems.append(f"{proto.relative_to(root)}:{number}: names reason {reason}, which reasons.json lacks")
        for bound, default in re.findall(r"1 to (\d+); 0 means (\d+)", comment):
            if not re.search(rf"0 mean(?:s|ing) {default}\b[^.]*?{bound}|{bound}, 0 mean(?:s|ing) {default}", protocol):
                problems.append(f"{proto.relative_to(root)}:{number}: bound 1 to {bound} (0: {default}) is not in PROTOCOL.md")

scanned = [root / "Proto", root / "Sources", root / "Clients/c/include", root / "Clients/c/src",
           root / "Clients/python/src", root / "docs", root / "README.md"]
for base in scanned:
    files = [base] if base.is_file() else [p for p in base.rglob("*") if p.suffix in {".proto", ".swift", ".h", ".c", ".py", ".md"}]
    for path in files:
        if "Generated" in path.parts or "generated" in path.parts:
            continue
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            for section in re.findall(r"PROTOCOL\.md §(\d+(?:\.\d+)?)", line):
                if section not in sections:
                    problems.append(f"{path.relative_to(root)}:{number}: PROTOCOL.md has no §{section}")

for problem in problems:
    print(problem, file=sys.stderr)
sys.exit(1 if problems else 0)
