//! [`Host`]: runs a guest module and reports what it did.

use crate::clock::{Clock, RandomSource, SeededRandom, VirtualClock};
use crate::error::{Error, Trap};
use crate::fdtable::{Descriptor, DirDesc, FdTable, StreamDesc, DEFAULT_MAX_FD, DEFAULT_MAX_OPEN};
use crate::fs::{Fs, VPathBuf};
use crate::glue::{add_to_linker, HostState};
use crate::stdio::{BoxedInput, BoxedOutput, BytesInput, Capture};
use crate::WasiCtx;
use alloc::boxed::Box;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use wasip1_abi::{Fdflags, Rights};
use wasmi::{Config, Engine, ExternType, Linker, Module, Store};

/// What a guest run produced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The exit code: 0 when `_start` returned, else the value given to `proc_exit`.
    pub exit_code: u32,
    /// Everything the guest wrote to stdout (empty when stdout was redirected elsewhere).
    pub stdout: Vec<u8>,
    /// Everything the guest wrote to stderr (empty when stderr was redirected elsewhere).
    pub stderr: Vec<u8>,
}

/// The default bound on captured stdout and stderr, each: 64 MiB (`NOSPC` past it).
pub const DEFAULT_CAPTURE_LIMIT: usize = 64 << 20;

/// Configures and runs WASI preview1 guests.
///
/// [`Host::run`] is the one-line form; [`Host::new`] starts a builder. Defaults keep runs
/// deterministic and sandboxed: no arguments besides `argv[0]`, an empty environment, empty
/// stdin, captured stdout/stderr, a [`VirtualClock`], a [`SeededRandom`], and only the
/// filesystems you pass.
///
/// ```
/// use wasip1_host::{Host, fs::MemFs};
/// let wasm = wat::parse_str(r#"(module
///     (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
///     (memory (export "memory") 1)
///     (func (export "_start") (call $exit (i32.const 7))))"#).unwrap();
/// let outcome = Host::run(&wasm, MemFs::new()).unwrap();
/// assert_eq!(outcome.exit_code, 7);
/// ```
pub struct Host {
    args: Vec<Vec<u8>>,
    env: Vec<Vec<u8>>,
    stdin: BoxedInput,
    stdout: Option<BoxedOutput>,
    stderr: Option<BoxedOutput>,
    preopens: Vec<(String, Rc<dyn Fs>)>,
    fuel: Option<u64>,
    clock: Box<dyn Clock>,
    random: Box<dyn RandomSource>,
    max_open: usize,
    max_fd: u32,
    capture_limit: usize,
}

impl Default for Host {
    fn default() -> Self {
        Self::new()
    }
}

impl Host {
    /// Runs `module` with `fs` preopened as `/` and every other setting at its default.
    ///
    /// # Errors
    ///
    /// See [`Host::run_with`].
    pub fn run(module: &[u8], fs: impl Fs + 'static) -> Result<Outcome, Error> {
        Self::new().run_with(module, fs)
    }

    /// A host with the deterministic defaults described on [`Host`].
    pub fn new() -> Self {
        Self {
            args: Vec::new(),
            env: Vec::new(),
            stdin: Box::new(BytesInput::new(Vec::new())),
            stdout: None,
            stderr: None,
            preopens: Vec::new(),
            fuel: None,
            clock: Box::new(VirtualClock::default()),
            random: Box::new(SeededRandom::default()),
            max_open: DEFAULT_MAX_OPEN,
            max_fd: DEFAULT_MAX_FD,
            capture_limit: DEFAULT_CAPTURE_LIMIT,
        }
    }

    /// Appends one argument. The first one given is `argv[0]`; if none is given, `argv[0]`
    /// is `"main.wasm"`.
    #[must_use]
    pub fn arg(mut self, arg: impl AsRef<[u8]>) -> Self {
        self.args.push(arg.as_ref().to_vec());
        self
    }

    /// Appends several arguments.
    #[must_use]
    pub fn args<I: IntoIterator<Item = A>, A: AsRef<[u8]>>(mut self, args: I) -> Self {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_vec()));
        self
    }

    /// Adds the environment variable `key=value`; the guest sees only variables added here.
    #[must_use]
    pub fn env(mut self, key: impl AsRef<[u8]>, value: impl AsRef<[u8]>) -> Self {
        let mut kv = key.as_ref().to_vec();
        kv.push(b'=');
        kv.extend_from_slice(value.as_ref());
        self.env.push(kv);
        self
    }

    /// Gives the guest these bytes on stdin.
    #[must_use]
    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.stdin = Box::new(BytesInput::new(bytes.into()));
        self
    }

    /// Connects stdin to any input stream.
    #[must_use]
    pub fn stdin_stream(mut self, input: impl crate::InputStream + 'static) -> Self {
        self.stdin = Box::new(input);
        self
    }

    /// Sends stdout to `output` instead of capturing it in [`Outcome::stdout`].
    #[must_use]
    pub fn stdout_stream(mut self, output: impl crate::OutputStream + 'static) -> Self {
        self.stdout = Some(Box::new(output));
        self
    }

    /// Sends stderr to `output` instead of capturing it in [`Outcome::stderr`].
    #[must_use]
    pub fn stderr_stream(mut self, output: impl crate::OutputStream + 'static) -> Self {
        self.stderr = Some(Box::new(output));
        self
    }

    /// Preopens `fs` under the guest name `guest_path`. Preopens get descriptors in the order
    /// added, after the root given to [`Host::run_with`] (which is always descriptor 3).
    #[must_use]
    pub fn preopen(mut self, guest_path: impl Into<String>, fs: impl Fs + 'static) -> Self {
        self.preopens.push((guest_path.into(), Rc::new(fs)));
        self
    }

    /// Limits the run to `fuel` units (roughly one per instruction); running out is
    /// [`Error::OutOfFuel`].
    #[must_use]
    pub fn fuel(mut self, fuel: u64) -> Self {
        self.fuel = Some(fuel);
        self
    }

    /// Uses `clock` for every clock the guest reads.
    #[must_use]
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Box::new(clock);
        self
    }

    /// Uses `random` for `random_get`.
    #[must_use]
    pub fn random(mut self, random: impl RandomSource + 'static) -> Self {
        self.random = Box::new(random);
        self
    }

    /// Bounds the number of open descriptors (default [`DEFAULT_MAX_OPEN`]); past it, opens
    /// fail with `MFILE`.
    #[must_use]
    pub fn max_open_fds(mut self, max: usize) -> Self {
        self.max_open = max;
        self
    }

    /// Bounds captured stdout and stderr, each (default [`DEFAULT_CAPTURE_LIMIT`]).
    #[must_use]
    pub fn capture_limit(mut self, bytes: usize) -> Self {
        self.capture_limit = bytes;
        self
    }

    /// Runs `module` with `fs` preopened as `/` (descriptor 3), before any preopen added with
    /// [`Host::preopen`].
    ///
    /// # Errors
    ///
    /// As [`Host::run_module`].
    pub fn run_with(mut self, module: &[u8], fs: impl Fs + 'static) -> Result<Outcome, Error> {
        self.preopens.insert(0, (String::from("/"), Rc::new(fs)));
        self.run_module(module)
    }

    /// Runs `module` with only the preopens added with [`Host::preopen`] (descriptors 3, 4, …).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidModule`] for bytes that are not a valid module; [`Error::MissingStart`]
    /// and [`Error::MissingMemory`] for a module without those exports;
    /// [`Error::UnknownImport`] for an import this host does not provide;
    /// [`Error::Instantiation`]; [`Error::Trap`] when the guest traps (including an
    /// out-of-bounds pointer passed to an import, and `proc_raise`); [`Error::OutOfFuel`];
    /// [`Error::Config`] for a preopen name that is empty or contains NUL.
    pub fn run_module(self, module: &[u8]) -> Result<Outcome, Error> {
        let mut config = Config::default();
        config.consume_fuel(self.fuel.is_some());
        let engine = Engine::new(&config);
        let module = Module::new(&engine, module).map_err(Error::InvalidModule)?;
        check_exports(&module)?;

        let stdout_capture = Capture::new(self.capture_limit);
        let stderr_capture = Capture::new(self.capture_limit);
        let fuel = self.fuel;
        let ctx = self.context(&stdout_capture, &stderr_capture)?;

        let mut linker = Linker::<HostState>::new(&engine);
        add_to_linker(&mut linker).map_err(|e| Error::Config(e.to_string()))?;
        for import in module.imports() {
            if import.module() == wasip1_abi::MODULE && wasip1_abi::IMPORTS.contains(&import.name())
            {
                continue;
            }
            return Err(Error::UnknownImport {
                module: import.module().into(),
                name: import.name().into(),
            });
        }
        let mut store = Store::new(&engine, HostState { ctx, memory: None });
        if let Some(fuel) = fuel {
            store
                .set_fuel(fuel)
                .map_err(|e| Error::Config(e.to_string()))?;
        }
        let instance = linker
            .instantiate_and_start(&mut store, &module)
            .map_err(Error::Instantiation)?;
        let memory = instance
            .get_memory(&store, "memory")
            .ok_or(Error::MissingMemory)?;
        store.data_mut().memory = Some(memory);
        let start = instance
            .get_typed_func::<(), ()>(&store, "_start")
            .map_err(|_| Error::MissingStart)?;
        let result = start.call(&mut store, ());
        let stdout = stdout_capture.take();
        let stderr = stderr_capture.take();
        match result {
            Ok(()) => Ok(Outcome {
                exit_code: 0,
                stdout,
                stderr,
            }),
            Err(e) => {
                if let Some(code) = e.i32_exit_status() {
                    let exit_code = u32::from_ne_bytes(code.to_ne_bytes());
                    return Ok(Outcome {
                        exit_code,
                        stdout,
                        stderr,
                    });
                }
                if e.as_trap_code() == Some(wasmi::TrapCode::OutOfFuel) {
                    return Err(Error::OutOfFuel { stdout, stderr });
                }
                let message = match e.downcast_ref::<Trap>() {
                    Some(trap) => trap.to_string(),
                    None => format!("{e}"),
                };
                Err(Error::Trap {
                    message,
                    stdout,
                    stderr,
                })
            }
        }
    }

    /// Builds the context a run would use, without an engine or a module, to drive the
    /// syscall functions of [`crate::wasi`] directly (tests, fuzzers). Output that would be
    /// captured is kept up to the capture limit and dropped with the context; pass streams
    /// with [`Host::stdout_stream`] to see it.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a preopen name that is empty or contains NUL.
    pub fn into_context(self) -> Result<WasiCtx, Error> {
        let limit = self.capture_limit;
        self.context(&Capture::new(limit), &Capture::new(limit))
    }

    fn context(self, out: &Capture, err: &Capture) -> Result<WasiCtx, Error> {
        let mut fds = FdTable::new(self.max_open.max(3), self.max_fd);
        let streams: [(Option<BoxedInput>, Option<BoxedOutput>, Rights); 3] = [
            (
                Some(self.stdin),
                None,
                Rights::STDIO.difference(Rights::FD_WRITE),
            ),
            (
                None,
                Some(self.stdout.unwrap_or_else(|| Box::new(out.clone()))),
                Rights::STDIO.difference(Rights::FD_READ),
            ),
            (
                None,
                Some(self.stderr.unwrap_or_else(|| Box::new(err.clone()))),
                Rights::STDIO.difference(Rights::FD_READ),
            ),
        ];
        for (input, output, rights) in streams {
            fds.insert(Descriptor::Stream(StreamDesc {
                input,
                output,
                flags: Fdflags::empty(),
                rights,
            }))
            .map_err(|e| Error::Config(format!("descriptor table too small: {e}")))?;
        }
        for (name, fs) in self.preopens {
            if name.is_empty() || name.contains('\0') {
                return Err(Error::Config(format!("invalid preopen name {name:?}")));
            }
            fds.insert(Descriptor::Dir(DirDesc {
                fs,
                path: VPathBuf::root(),
                preopen: Some(name),
                rights: Rights::DIR_BASE,
                inheriting: Rights::DIR_INHERITING,
                listing: None,
            }))
            .map_err(|e| Error::Config(format!("too many preopens: {e}")))?;
        }
        let mut args = self.args;
        if args.is_empty() {
            args.push(b"main.wasm".to_vec());
        }
        Ok(WasiCtx {
            args,
            env: self.env,
            fds,
            clock: self.clock,
            random: self.random,
        })
    }
}

fn check_exports(module: &Module) -> Result<(), Error> {
    let mut has_start = false;
    let mut has_memory = false;
    for export in module.exports() {
        match (export.name(), export.ty()) {
            ("_start", ExternType::Func(ty)) => {
                has_start = ty.params().is_empty() && ty.results().is_empty();
            }
            ("memory", ExternType::Memory(_)) => has_memory = true,
            _ => {}
        }
    }
    if !has_start {
        return Err(Error::MissingStart);
    }
    if !has_memory {
        return Err(Error::MissingMemory);
    }
    Ok(())
}
