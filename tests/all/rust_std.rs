//! Rust guests (wasm32-wasip1, std::fs) exercising the filesystem end to end.
