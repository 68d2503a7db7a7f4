#!/usr/bin/env bash
# Regenerates everything derived from the contract in Proto/licit/v1:
#   - the Swift messages in Sources/LicitWire/Generated (committed, never hand-edited);
#   - the binary golden frames in Proto/testdata from their text descriptions.
# Needs protoc (Debian: protobuf-compiler) and python3. The Swift plugin is built
# from the swift-protobuf package this project already depends on.
#
#   Proto/generate.sh           regenerate in place
#   Proto/generate.sh --check   regenerate into a temporary folder and fail on any difference
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

out_swift=Sources/LicitWire/Generated
out_golden=Proto/testdata
if [ "${1:-}" = "--check" ]; then
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    out_swift=$scratch/swift
    out_golden=$scratch/golden
    mkdir -p "$out_golden"
    cp Proto/testdata/*.txtpb "$out_golden"/
fi

command -v protoc >/dev/null || { echo "protoc not found: apt-get install -y protobuf-compiler" >&2; exit 1; }
swift build --product protoc-gen-swift >/dev/null
plugin=$(swift build --show-bin-path)/protoc-gen-swift

mkdir -p "$out_swift"
rm -f "$out_swift"/*.pb.swift
protoc --proto_path=Proto --plugin=protoc-gen-swift="$plugin" \
    --swift_opt=Visibility=Public --swift_opt=FileNaming=PathToUnderscores \
    --swift_out="$out_swift" Proto/licit/v1/*.proto

# A golden frame is the exact bytes on the wire: 4-byte big-endian length, then the Frame.
for text in "$out_golden"/*.txtpb; do
    protoc --proto_path=Proto --encode=licit.v1.Frame Proto/licit/v1/*.proto <"$text" |
        python3 -c 'import sys; b = sys.stdin.buffer.read(); sys.stdout.buffer.write(len(b).to_bytes(4, "big") + b)' \
            >"${text%.txtpb}.bin"
done

if [ "${1:-}" = "--check" ]; then
    diff -r Sources/LicitWire/Generated "$out_swift" ||
        { echo "Generated Swift differs from Proto/: run Proto/generate.sh and commit" >&2; exit 1; }
    for bin in "$out_golden"/*.bin; do
        cmp "$bin" "Proto/testdata/$(basename "$bin")" ||
            { echo "Golden frame $(basename "$bin") differs from its .txtpb: run Proto/generate.sh" >&2; exit 1; }
    done
    echo "Proto/: generated code and golden frames are up to date"
fi
