//! The committed fixtures: hashes match the manifest, WAT sources match their binaries, and
//! every fixture is used by a test.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("guest-fixtures")
}

fn wasm_files() -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                // Build tools and build output are not fixtures.
                if !path.ends_with("wat2wasm") && !path.ends_with("target") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "wasm") {
                out.push(
                    path.strip_prefix(root())
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    out.sort();
    out
}

#[test]
fn manifest_matches_every_committed_wasm() {
    let manifest = std::fs::read_to_string(root().join("MANIFEST.sha256")).unwrap();
    let mut listed = Vec::new();
    for line in manifest.lines() {
        let (hash, rel) = line.split_once("  ").expect("sha256sum format");
        let bytes = std::fs::read(root().join(rel)).unwrap();
        assert_eq!(
            crate::support::hex(&bytes),
            hash,
            "{rel} differs from the manifest"
        );
        listed.push(rel.to_string());
    }
    listed.sort();
    assert_eq!(
        listed,
        wasm_files(),
        "manifest and committed .wasm files differ"
    );
}

#[test]
fn wat_sources_match_their_binaries() {
    for rel in wasm_files().iter().filter(|r| r.starts_with("wat/")) {
        let wasm = root().join(rel);
        let src = wasm.with_extension("wat");
        let built = wat::parse_file(&src).unwrap();
        assert!(
            built == std::fs::read(&wasm).unwrap(),
            "{rel} is stale: run guest-fixtures/build.sh"
        );
    }
}

#[test]
fn every_fixture_has_a_test() {
    let tests_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/all");
    let mut corpus = String::new();
    let mut stack = vec![tests_dir];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n != "fixtures.rs") {
                corpus.push_str(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    for rel in wasm_files() {
        assert!(corpus.contains(&rel), "no test uses fixture {rel}");
    }
}
