//! Clocks and randomness: deterministic by default, real ones only when the embedder asks.

use wasip1_abi::{Clockid, Errno, Timestamp};

/// A source of time for `clock_time_get`, `clock_res_get` and `poll_oneoff`.
pub trait Clock {
    /// The current time of `id`, in nanoseconds.
    ///
    /// # Errors
    ///
    /// `INVAL` for a clock this source does not have.
    fn now(&mut self, id: Clockid) -> Result<Timestamp, Errno>;

    /// The resolution of `id`, in nanoseconds.
    ///
    /// # Errors
    ///
    /// `INVAL` for a clock this source does not have.
    fn resolution(&mut self, id: Clockid) -> Result<Timestamp, Errno>;

    /// Waits `ns` nanoseconds (a virtual clock just moves forward).
    fn sleep(&mut self, ns: u64);
}

/// A deterministic clock: it starts at a fixed instant and advances by a fixed step on every
/// reading, so guests that wait for time to pass still make progress, and every run of the
/// same guest sees the same times.
#[derive(Clone, Debug)]
pub struct VirtualClock {
    realtime: u64,
    elapsed: u64,
    step: u64,
}

/// Where [`VirtualClock`] starts: 2023-11-14T22:13:20Z, in nanoseconds since the Unix epoch.
pub const VIRTUAL_EPOCH_NS: u64 = 1_700_000_000_000_000_000;

impl Default for VirtualClock {
    fn default() -> Self {
        Self::new(VIRTUAL_EPOCH_NS, 1_000)
    }
}

impl VirtualClock {
    /// A clock whose realtime starts at `start_ns` and which advances `step_ns` per reading.
    pub fn new(start_ns: u64, step_ns: u64) -> Self {
        Self {
            realtime: start_ns,
            elapsed: 0,
            step: step_ns,
        }
    }
}

impl Clock for VirtualClock {
    fn now(&mut self, id: Clockid) -> Result<Timestamp, Errno> {
        let t = match id {
            Clockid::REALTIME => self.realtime.saturating_add(self.elapsed),
            Clockid::MONOTONIC | Clockid::PROCESS_CPUTIME_ID | Clockid::THREAD_CPUTIME_ID => {
                self.elapsed
            }
            _ => return Err(Errno::INVAL),
        };
        self.elapsed = self.elapsed.saturating_add(self.step);
        Ok(t)
    }

    fn resolution(&mut self, id: Clockid) -> Result<Timestamp, Errno> {
        match id {
            Clockid::REALTIME
            | Clockid::MONOTONIC
            | Clockid::PROCESS_CPUTIME_ID
            | Clockid::THREAD_CPUTIME_ID => Ok(self.step.max(1)),
            _ => Err(Errno::INVAL),
        }
    }

    fn sleep(&mut self, ns: u64) {
        self.elapsed = self.elapsed.saturating_add(ns);
    }
}

/// The host's clocks (std only).
#[cfg(feature = "std")]
#[derive(Debug)]
pub struct SystemClock {
    start: std::time::Instant,
    /// The last monotonic reading: readings are strictly increasing, even two in a row.
    last: u64,
}

#[cfg(feature = "std")]
impl Default for SystemClock {
    fn default() -> Self {
        Self {
            start: std::time::Instant::now(),
            last: 0,
        }
    }
}

#[cfg(feature = "std")]
impl Clock for SystemClock {
    fn now(&mut self, id: Clockid) -> Result<Timestamp, Errno> {
        let nanos = |d: core::time::Duration| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        match id {
            Clockid::REALTIME => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(nanos)
                .map_err(|_| Errno::IO),
            Clockid::MONOTONIC | Clockid::PROCESS_CPUTIME_ID | Clockid::THREAD_CPUTIME_ID => {
                self.last = nanos(self.start.elapsed()).max(self.last.saturating_add(1));
                Ok(self.last)
            }
            _ => Err(Errno::INVAL),
        }
    }

    fn resolution(&mut self, id: Clockid) -> Result<Timestamp, Errno> {
        match id {
            Clockid::REALTIME
            | Clockid::MONOTONIC
            | Clockid::PROCESS_CPUTIME_ID
            | Clockid::THREAD_CPUTIME_ID => Ok(1),
            _ => Err(Errno::INVAL),
        }
    }

    fn sleep(&mut self, ns: u64) {
        std::thread::sleep(core::time::Duration::from_nanos(ns));
    }
}

/// A source of random bytes for `random_get` (and `/dev/urandom`).
pub trait RandomSource {
    /// Fills `buf` with random bytes.
    ///
    /// # Errors
    ///
    /// `IO` if the source fails.
    fn fill(&mut self, buf: &mut [u8]) -> Result<(), Errno>;
}

/// A deterministic generator (xoshiro256**, seeded through SplitMix64): the same seed gives
/// the same bytes on every run and every platform. Not for cryptography.
#[derive(Clone, Debug)]
pub struct SeededRandom {
    s: [u64; 4],
}

impl Default for SeededRandom {
    fn default() -> Self {
        Self::new(0x5EED)
    }
}

impl SeededRandom {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Self {
            s: [next(), next(), next(), next()],
        }
    }

    fn next_u64(&mut self) -> u64 {
        let [s0, s1, s2, s3] = &mut self.s;
        let result = s1.wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = *s1 << 17;
        *s2 ^= *s0;
        *s3 ^= *s1;
        *s1 ^= *s2;
        *s0 ^= *s3;
        *s2 ^= t;
        *s3 = s3.rotate_left(45);
        result
    }
}

impl RandomSource for SeededRandom {
    fn fill(&mut self, buf: &mut [u8]) -> Result<(), Errno> {
        for chunk in buf.chunks_mut(8) {
            let bytes = self.next_u64().to_le_bytes();
            let n = chunk.len();
            chunk.copy_from_slice(bytes.get(..n).unwrap_or_default());
        }
        Ok(())
    }
}

/// The operating system's random source (std only, via `getrandom(2)`).
#[cfg(feature = "std")]
#[derive(Clone, Copy, Debug, Default)]
pub struct OsRandom;

#[cfg(feature = "std")]
impl RandomSource for OsRandom {
    fn fill(&mut self, mut buf: &mut [u8]) -> Result<(), Errno> {
        while !buf.is_empty() {
            let n = rustix::rand::getrandom(&mut *buf, rustix::rand::GetRandomFlags::empty())
                .map_err(|_| Errno::IO)?;
            buf = buf.get_mut(n..).unwrap_or_default();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_random_is_deterministic() {
        let (mut a, mut b) = (SeededRandom::new(7), SeededRandom::new(7));
        let (mut x, mut y) = ([0u8; 13], [0u8; 13]);
        a.fill(&mut x).unwrap();
        b.fill(&mut y).unwrap();
        assert_eq!(x, y);
        assert_ne!(x, [0u8; 13]);
    }

    #[test]
    fn virtual_clock_advances() {
        let mut c = VirtualClock::default();
        let t1 = c.now(Clockid::MONOTONIC).unwrap();
        let t2 = c.now(Clockid::MONOTONIC).unwrap();
        assert!(t2 > t1);
        c.sleep(1_000_000);
        assert!(c.now(Clockid::MONOTONIC).unwrap() >= t2 + 1_000_000);
        assert!(c.now(Clockid::REALTIME).unwrap() > VIRTUAL_EPOCH_NS);
    }
}
