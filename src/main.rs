//! `wasip1-host`: runs a WASI preview1 command module in the wasmi interpreter, giving it this
//! process's arguments, standard streams, clocks and random source, the environment variables
//! given with `--env`, and the directories given with `--dir`, `--ro-dir` and `--mem` (backed
//! as `--fs host|mem|cow` says). See `wasip1-host --help`.

#![forbid(unsafe_code)]

mod cli;

fn main() {
    std::process::exit(cli::main());
}
