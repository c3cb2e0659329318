//! `poll_oneoff`.
//!
//! Files and stdio never block here: an `fd_read`/`fd_write` subscription on them is ready at
//! once (for a file being read, `nbytes` is what lies between the cursor and the end). When no
//! descriptor is ready, the call waits for the earliest clock subscription through the
//! context's [`Clock`](crate::clock::Clock): a virtual clock just moves forward, a real one
//! sleeps. Errors that concern one subscription are reported in its event, as the spec says:
//! `BADF` for a descriptor that is not open or is a directory, `NOTCAPABLE` without
//! `POLL_FD_READWRITE`, `INVAL` for an unknown clock, flags or tag.

use super::fd::require;
use crate::error::SysResult;
use crate::fdtable::Descriptor;
use crate::{GuestMemory, WasiCtx};
use alloc::vec::Vec;
use wasip1_abi::{
    Clockid, Errno, Event, EventFdReadwrite, Eventtype, Rights, Subclockflags, Subscription,
};

/// What one subscription asks for.
enum Wait {
    Ready(Errno, u64),
    Clock(u64),
}

fn fd_readiness(cx: &WasiCtx, fd: u32, read: bool) -> (Errno, u64) {
    let result = (|| -> Result<u64, Errno> {
        match cx.fds.get(fd)? {
            Descriptor::File(f) => {
                require(f.rights, Rights::POLL_FD_READWRITE)?;
                if read {
                    Ok(f.file.stat()?.size.saturating_sub(f.pos))
                } else {
                    Ok(0)
                }
            }
            Descriptor::Stream(s) => {
                require(s.rights, Rights::POLL_FD_READWRITE)?;
                if (read && s.input.is_none()) || (!read && s.output.is_none()) {
                    return Err(Errno::BADF);
                }
                Ok(0)
            }
            Descriptor::Dir(_) => Err(Errno::BADF),
        }
    })();
    match result {
        Ok(n) => (Errno::SUCCESS, n),
        Err(e) => (e, 0),
    }
}

fn classify(cx: &mut WasiCtx, sub: &Subscription) -> Wait {
    match Eventtype::from_raw(sub.tag) {
        Ok(Eventtype::CLOCK) => {
            let c = sub.clock();
            let Ok(id) = Clockid::from_raw(c.id) else {
                return Wait::Ready(Errno::INVAL, 0);
            };
            let Ok(flags) = Subclockflags::from_bits(c.flags) else {
                return Wait::Ready(Errno::INVAL, 0);
            };
            if flags.contains(Subclockflags::SUBSCRIPTION_CLOCK_ABSTIME) {
                match cx.clock.now(id) {
                    Ok(now) => Wait::Clock(c.timeout.saturating_sub(now)),
                    Err(e) => Wait::Ready(e, 0),
                }
            } else {
                Wait::Clock(c.timeout)
            }
        }
        Ok(kind) => {
            let (errno, n) = fd_readiness(
                cx,
                sub.fd_readwrite().file_descriptor,
                kind == Eventtype::FD_READ,
            );
            Wait::Ready(errno, n)
        }
        Err(_) => Wait::Ready(Errno::INVAL, 0),
    }
}

fn event(sub: &Subscription, error: Errno, nbytes: u64) -> Event {
    Event {
        userdata: sub.userdata,
        error,
        // An unknown tag is reported back as it was given, with `INVAL` as the error.
        type_: Eventtype(sub.tag),
        fd_readwrite: EventFdReadwrite {
            nbytes,
            ..EventFdReadwrite::default()
        },
        ..Event::default()
    }
}

/// `poll_oneoff(in, out, nsubscriptions, nevents)`.
///
/// # Errors
///
/// `INVAL` when `nsubscriptions` is 0; traps if the subscriptions, the events or `nevents`
/// are out of bounds.
pub fn poll_oneoff(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    subs: u32,
    events: u32,
    nsubscriptions: u32,
    nevents: u32,
) -> SysResult {
    if nsubscriptions == 0 {
        return Err(Errno::INVAL.into());
    }
    mem.check_array::<Subscription>(subs, nsubscriptions)?;
    mem.check_array::<Event>(events, nsubscriptions)?;
    mem.check_pod::<u32>(nevents)?;

    let mut waits = Vec::new();
    waits
        .try_reserve(nsubscriptions as usize)
        .map_err(|_| Errno::NOMEM)?;
    for i in 0..nsubscriptions {
        let sub: Subscription = mem.read_at(subs, i)?;
        let wait = classify(cx, &sub);
        waits.push((sub, wait));
    }
    let ready = waits.iter().any(|(_, w)| matches!(w, Wait::Ready(..)));
    let earliest = waits
        .iter()
        .filter_map(|(_, w)| match w {
            Wait::Clock(t) => Some(*t),
            Wait::Ready(..) => None,
        })
        .min();
    // Nothing ready: wait for the earliest timeout; then report what is ready and every
    // clock that has expired.
    let elapsed = match (ready, earliest) {
        (false, Some(t)) => {
            cx.clock.sleep(t);
            t
        }
        _ => 0,
    };
    let mut written = 0u32;
    for (sub, wait) in &waits {
        let ev = match *wait {
            Wait::Ready(errno, n) => event(sub, errno, n),
            Wait::Clock(t) if t <= elapsed => event(sub, Errno::SUCCESS, 0),
            Wait::Clock(_) => continue,
        };
        mem.write_at(events, written, &ev)?;
        written += 1;
    }
    mem.write(nevents, &written)?;
    Ok(())
}
