//! The locks every runtime object uses. Their whole state lives in the
//! lock itself: a compiled module links its own copy of the runtime, and a
//! lock taken by one copy must be waited on and released by the other.
//! (`parking_lot` parks waiting threads in a process-global table that
//! each copy would have separately, so a thread parked by one copy is never
//! woken by the other.) The API is parking_lot's: no poisoning, `lock()`
//! returns the guard.
//!
//! - [`Mutex`] guards an object's state for the length of one Rust
//!   operation (no Python code and no blocking call ever runs under it), so
//!   a waiter spins, then yields, and never sleeps: unlocking is a plain
//!   release store instead of the atomic exchange a sleeping lock needs to
//!   learn whether to wake someone. That halves the cost of the lock and
//!   unlock pair every list, dict and instance access pays.
//! - [`BiasedMutex`] is a `Mutex` for the objects Python code reads and
//!   writes most (list items, dict tables, slot values): the thread that
//!   made the object takes it with plain loads and stores, and the first
//!   other thread to take it revokes that bias for good (see its docs).
//! - [`BlockingMutex`] (the standard library's futex lock) is for the few
//!   locks held across a system call (the stdout buffer), where waiters
//!   must sleep. (A running generator holds its state's `Mutex` while its
//!   body runs, but that lock is only ever tried.)

use std::cell::UnsafeCell;
use std::sync::atomic::{compiler_fence, AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::{RwLockReadGuard, RwLockWriteGuard, TryLockError};

/// One step of waiting for another thread to leave a short critical
/// section: spin a while, then yield (it may have been descheduled: let it
/// run).
#[inline]
fn backoff(spins: &mut u32) {
    if *spins < 64 {
        std::hint::spin_loop();
        *spins += 1;
    } else {
        std::thread::yield_now();
    }
}

/// A lock for short critical sections: spin, then yield, never sleep.
#[derive(Default)]
pub struct Mutex<T: ?Sized> {
    locked: AtomicBool,
    data: UnsafeCell<T>,
}

// SAFETY: the lock gives one thread at a time access to `data`, as
// `std::sync::Mutex` does, with the same bounds.
unsafe impl<T: ?Sized + Send> Send for Mutex<T> {}
unsafe impl<T: ?Sized + Send> Sync for Mutex<T> {}

/// Holds a [`Mutex`] until dropped.
pub struct MutexGuard<'a, T: ?Sized> {
    lock: &'a Mutex<T>,
}

// SAFETY: a guard only hands out `&T` across threads when shared.
unsafe impl<T: ?Sized + Sync> Sync for MutexGuard<'_, T> {}

impl<T> Mutex<T> {
    pub const fn new(value: T) -> Mutex<T> {
        Mutex { locked: AtomicBool::new(false), data: UnsafeCell::new(value) }
    }

    pub fn into_inner(self) -> T {
        self.data.into_inner()
    }
}

impl<T: ?Sized> Mutex<T> {
    #[inline]
    pub fn lock(&self) -> MutexGuard<'_, T> {
        if self.locked.compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() {
            self.lock_contended();
        }
        MutexGuard { lock: self }
    }

    #[cold]
    #[inline(never)]
    fn lock_contended(&self) {
        let mut spins = 0u32;
        loop {
            while self.locked.load(Ordering::Relaxed) {
                backoff(&mut spins);
            }
            if self.locked.compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed).is_ok() {
                return;
            }
        }
    }

    #[inline]
    pub fn try_lock(&self) -> Option<MutexGuard<'_, T>> {
        match self.locked.compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed) {
            Ok(_) => Some(MutexGuard { lock: self }),
            Err(_) => None,
        }
    }

    /// Whether another holder has it now (a momentary answer).
    pub fn is_locked(&self) -> bool {
        self.locked.load(Ordering::Relaxed)
    }

    pub fn get_mut(&mut self) -> &mut T {
        self.data.get_mut()
    }
}

impl<T: ?Sized> std::ops::Deref for MutexGuard<'_, T> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: the guard holds the lock.
        unsafe { &*self.lock.data.get() }
    }
}

impl<T: ?Sized> std::ops::DerefMut for MutexGuard<'_, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the guard holds the lock.
        unsafe { &mut *self.lock.data.get() }
    }
}

impl<T: ?Sized> Drop for MutexGuard<'_, T> {
    #[inline]
    fn drop(&mut self) {
        self.lock.locked.store(false, Ordering::Release);
    }
}

/// A [`Mutex`] biased towards the thread that made it: that thread locks
/// and unlocks it with plain loads and stores (no atomic read-modify-write),
/// as long as no other thread has touched it.
///
/// The owner (named by its thread pointer) marks itself `busy`, then checks
/// that it still owns the lock: the two halves of Dekker's algorithm with
/// the fence between them left out. The first other thread to lock it
/// takes the underlying mutex, clears `owner`, and runs a process-wide
/// memory barrier (`membarrier`), which puts that fence into every running
/// thread after the fact: from then on either the owner sees it no longer
/// owns the lock, or its `busy` mark is visible and the revoker waits for
/// it to clear. After that everyone uses the mutex.
///
/// Handing many objects from thread to thread would run one barrier each,
/// so after [`REVOCATION_BUDGET`] revocations new objects start unbiased.
/// Where the barrier is not available every lock is unbiased.
pub struct BiasedMutex<T: ?Sized> {
    /// The owning thread's thread pointer; 0 once shared.
    owner: AtomicUsize,
    /// Set by the owner while it holds the lock without `inner`.
    busy: AtomicBool,
    inner: Mutex<T>,
}

// SAFETY: as `Mutex`: one thread at a time reaches `data`.
unsafe impl<T: ?Sized + Send> Send for BiasedMutex<T> {}
unsafe impl<T: ?Sized + Send> Sync for BiasedMutex<T> {}

/// Holds a [`BiasedMutex`] until dropped: releasing it clears the flag
/// that was set to take it (`busy` or the mutex's own).
pub struct BiasedGuard<'a, T: ?Sized> {
    flag: &'a AtomicBool,
    data: &'a UnsafeCell<T>,
}

// SAFETY: as `MutexGuard`.
unsafe impl<T: ?Sized + Sync> Sync for BiasedGuard<'_, T> {}

/// After this many revocations in this process, new objects are made
/// unbiased: the program hands objects between threads a lot.
pub const REVOCATION_BUDGET: usize = 4096;

static REVOCATIONS: AtomicUsize = AtomicUsize::new(0);

/// Whether new objects are biased: 0 not known yet, 1 yes, 2 no.
static BIAS: AtomicU8 = AtomicU8::new(0);

/// The calling thread's thread pointer: unique among live threads, never
/// 0, and the same whichever copy of the runtime asks.
#[inline(always)]
fn thread_pointer() -> usize {
    #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
    {
        let tp: usize;
        // SAFETY: on x86-64 Linux the word at fs:0 is the thread control
        // block's pointer to itself; reading it has no side effects.
        unsafe { std::arch::asm!("mov {}, qword ptr fs:[0]", out(reg) tp, options(nostack, readonly, preserves_flags, pure)) };
        tp
    }
    #[cfg(all(target_arch = "aarch64", target_os = "linux"))]
    {
        let tp: usize;
        // SAFETY: reads this thread's software thread id register.
        unsafe { std::arch::asm!("mrs {}, tpidr_el0", out(reg) tp, options(nomem, nostack, preserves_flags, pure)) };
        tp
    }
    #[cfg(not(all(any(target_arch = "x86_64", target_arch = "aarch64"), target_os = "linux")))]
    {
        // Never an owner: every lock is unbiased (see `bias_owner`).
        usize::MAX
    }
}

#[cfg(target_os = "linux")]
mod barrier {
    const QUERY: libc::c_long = 0;
    const PRIVATE_EXPEDITED: libc::c_long = 1 << 3;
    const REGISTER_PRIVATE_EXPEDITED: libc::c_long = 1 << 4;

    fn membarrier(cmd: libc::c_long) -> libc::c_long {
        // SAFETY: membarrier takes plain integers and touches no memory of ours.
        unsafe { libc::syscall(libc::SYS_membarrier, cmd, 0 as libc::c_long, 0 as libc::c_long) }
    }

    /// Register this process for expedited barriers; false if the kernel
    /// (or a sandbox) does not offer them.
    /// Registering takes milliseconds once the process has several
    /// threads (the kernel waits for a grace period), so a barrier is
    /// tried first: it works if another runtime copy registered already.
    pub fn register() -> bool {
        let supported = membarrier(QUERY);
        supported >= 0 && supported & PRIVATE_EXPEDITED != 0 && (run() || membarrier(REGISTER_PRIVATE_EXPEDITED) == 0)
    }

    /// A full memory barrier on every running thread of this process.
    pub fn run() -> bool {
        membarrier(PRIVATE_EXPEDITED) == 0
    }
}

#[cfg(not(target_os = "linux"))]
mod barrier {
    pub fn register() -> bool {
        false
    }

    pub fn run() -> bool {
        false
    }
}

/// The owner a new object gets: this thread, or 0 (unbiased).
#[inline]
fn bias_owner() -> usize {
    match BIAS.load(Ordering::Relaxed) {
        1 => thread_pointer(),
        2 => 0,
        _ => bias_init(),
    }
}

/// Decide now whether objects are biased (and register for barriers):
/// cheap while the process has one thread, so the host calls it before
/// starting any.
pub fn prepare_bias() {
    if BIAS.load(Ordering::Relaxed) == 0 {
        bias_init();
    }
}

#[cold]
fn bias_init() -> usize {
    let on = thread_pointer() != usize::MAX && barrier::register();
    BIAS.store(if on { 1 } else { 2 }, Ordering::Relaxed);
    if on {
        thread_pointer()
    } else {
        0
    }
}

impl<T> BiasedMutex<T> {
    /// A lock biased towards the calling thread (where biasing is on).
    #[inline]
    pub fn new(value: T) -> BiasedMutex<T> {
        BiasedMutex { owner: AtomicUsize::new(bias_owner()), busy: AtomicBool::new(false), inner: Mutex::new(value) }
    }

    /// A lock with no owner, for objects made to be shared.
    pub const fn new_shared(value: T) -> BiasedMutex<T> {
        BiasedMutex { owner: AtomicUsize::new(0), busy: AtomicBool::new(false), inner: Mutex::new(value) }
    }

    pub fn into_inner(self) -> T {
        self.inner.into_inner()
    }
}

impl<T: Default> Default for BiasedMutex<T> {
    fn default() -> Self {
        BiasedMutex::new(T::default())
    }
}

impl<T: ?Sized> BiasedMutex<T> {
    #[inline]
    fn guard<'a>(&'a self, flag: &'a AtomicBool) -> BiasedGuard<'a, T> {
        BiasedGuard { flag, data: &self.inner.data }
    }

    /// The owner's way in: true when it now holds the lock through `busy`.
    #[inline(always)]
    fn enter_biased(&self) -> bool {
        let me = thread_pointer();
        if self.owner.load(Ordering::Relaxed) != me {
            return false;
        }
        self.busy.store(true, Ordering::Relaxed);
        // The revoker's barrier supplies the hardware fence (see the type's
        // docs); the compiler must still keep the store before the load.
        compiler_fence(Ordering::SeqCst);
        if self.owner.load(Ordering::Relaxed) == me {
            return true;
        }
        self.busy.store(false, Ordering::Release);
        false
    }

    #[inline]
    pub fn lock(&self) -> BiasedGuard<'_, T> {
        if self.enter_biased() {
            return self.guard(&self.busy);
        }
        self.lock_shared()
    }

    #[cold]
    #[inline(never)]
    fn lock_shared(&self) -> BiasedGuard<'_, T> {
        std::mem::forget(self.inner.lock());
        self.revoke();
        self.guard(&self.inner.locked)
    }

    #[inline]
    pub fn try_lock(&self) -> Option<BiasedGuard<'_, T>> {
        if self.enter_biased() {
            return Some(self.guard(&self.busy));
        }
        std::mem::forget(self.inner.try_lock()?);
        self.revoke();
        Some(self.guard(&self.inner.locked))
    }

    /// `try_lock` for the cycle collector while every other thread that
    /// runs Python code is parked outside any critical section: the owner
    /// cannot be inside, so the bias stays.
    pub fn try_lock_stopped(&self) -> Option<BiasedGuard<'_, T>> {
        if self.enter_biased() {
            return Some(self.guard(&self.busy));
        }
        std::mem::forget(self.inner.try_lock()?);
        if self.busy.load(Ordering::Acquire) {
            self.inner.locked.store(false, Ordering::Release);
            return None;
        }
        Some(self.guard(&self.inner.locked))
    }

    /// `lock` for the cycle collector while the world is stopped (see
    /// `try_lock_stopped`).
    pub fn lock_stopped(&self) -> BiasedGuard<'_, T> {
        let mut spins = 0u32;
        loop {
            if let Some(g) = self.try_lock_stopped() {
                return g;
            }
            backoff(&mut spins);
        }
    }

    /// With `inner` held: end the bias, waiting for the owner to leave a
    /// critical section it may be in.
    #[inline]
    fn revoke(&self) {
        if self.owner.load(Ordering::Relaxed) == 0 {
            return;
        }
        self.revoke_slow();
    }

    #[cold]
    #[inline(never)]
    fn revoke_slow(&self) {
        self.owner.store(0, Ordering::Relaxed);
        // An owner implies the process registered (`bias_init`); a child
        // made by `fork` is not registered any more, so it registers now.
        if !barrier::run() {
            let ran = barrier::register() && barrier::run();
            debug_assert!(ran, "membarrier failed after registration");
        }
        if REVOCATIONS.fetch_add(1, Ordering::Relaxed) + 1 >= REVOCATION_BUDGET {
            BIAS.store(2, Ordering::Relaxed);
        }
        let mut spins = 0u32;
        while self.busy.load(Ordering::Acquire) {
            backoff(&mut spins);
        }
    }

    pub fn get_mut(&mut self) -> &mut T {
        self.inner.get_mut()
    }
}

impl<T: ?Sized> std::ops::Deref for BiasedGuard<'_, T> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: the guard holds the lock.
        unsafe { &*self.data.get() }
    }
}

impl<T: ?Sized> std::ops::DerefMut for BiasedGuard<'_, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the guard holds the lock.
        unsafe { &mut *self.data.get() }
    }
}

impl<T: ?Sized> Drop for BiasedGuard<'_, T> {
    #[inline]
    fn drop(&mut self) {
        self.flag.store(false, Ordering::Release);
    }
}

/// A lock whose waiters sleep (the standard library's futex lock), for
/// critical sections that may block.
#[derive(Default)]
pub struct BlockingMutex<T: ?Sized>(std::sync::Mutex<T>);

impl<T> BlockingMutex<T> {
    pub const fn new(value: T) -> BlockingMutex<T> {
        BlockingMutex(std::sync::Mutex::new(value))
    }
}

impl<T: ?Sized> BlockingMutex<T> {
    #[inline]
    pub fn lock(&self) -> std::sync::MutexGuard<'_, T> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    #[inline]
    pub fn try_lock(&self) -> Option<std::sync::MutexGuard<'_, T>> {
        match self.0.try_lock() {
            Ok(g) => Some(g),
            Err(TryLockError::Poisoned(e)) => Some(e.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        }
    }

    /// Whether another holder has it now (a momentary answer).
    pub fn is_locked(&self) -> bool {
        matches!(self.0.try_lock(), Err(TryLockError::WouldBlock))
    }

    pub fn get_mut(&mut self) -> &mut T {
        self.0.get_mut().unwrap_or_else(|e| e.into_inner())
    }
}

#[derive(Default)]
pub struct RwLock<T: ?Sized>(std::sync::RwLock<T>);

impl<T> RwLock<T> {
    pub const fn new(value: T) -> RwLock<T> {
        RwLock(std::sync::RwLock::new(value))
    }

    pub fn into_inner(self) -> T {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl<T: ?Sized> RwLock<T> {
    #[inline]
    pub fn read(&self) -> RwLockReadGuard<'_, T> {
        self.0.read().unwrap_or_else(|e| e.into_inner())
    }

    #[inline]
    pub fn write(&self) -> RwLockWriteGuard<'_, T> {
        self.0.write().unwrap_or_else(|e| e.into_inner())
    }

    pub fn try_read(&self) -> Option<RwLockReadGuard<'_, T>> {
        match self.0.try_read() {
            Ok(g) => Some(g),
            Err(TryLockError::Poisoned(e)) => Some(e.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        }
    }

    pub fn try_write(&self) -> Option<RwLockWriteGuard<'_, T>> {
        match self.0.try_write() {
            Ok(g) => Some(g),
            Err(TryLockError::Poisoned(e)) => Some(e.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        }
    }

    pub fn get_mut(&mut self) -> &mut T {
        self.0.get_mut().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod biased_tests {
    use super::BiasedMutex;
    use std::sync::Arc;

    /// The owner increments through its fast path while other threads
    /// start taking the lock part way: no increment may be lost.
    #[test]
    fn counts_stay_exact_while_the_bias_is_revoked() {
        for _ in 0..20 {
            let m = Arc::new(BiasedMutex::new(0u64));
            let start = Arc::new(std::sync::Barrier::new(4));
            let others: Vec<_> = (0..3)
                .map(|_| {
                    let (m, start) = (m.clone(), start.clone());
                    std::thread::spawn(move || {
                        start.wait();
                        for _ in 0..20_000 {
                            *m.lock() += 1;
                        }
                    })
                })
                .collect();
            for i in 0..40_000 {
                if i == 1000 {
                    start.wait();
                }
                *m.lock() += 1;
            }
            others.into_iter().for_each(|t| t.join().unwrap());
            assert_eq!(*m.lock(), 100_000);
        }
    }

    /// Many fresh locks, each revoked while its owner is hammering it: the
    /// moment of revocation is where a missing barrier would let both
    /// threads in (an increment would be lost).
    #[test]
    fn every_revocation_waits_for_the_owner() {
        for _ in 0..300 {
            let m = Arc::new(BiasedMutex::new(0u64));
            let go = Arc::new(std::sync::atomic::AtomicBool::new(false));
            let (m2, go2) = (m.clone(), go.clone());
            let other = std::thread::spawn(move || {
                while !go2.load(std::sync::atomic::Ordering::Acquire) {
                    std::hint::spin_loop();
                }
                for _ in 0..200 {
                    let mut g = m2.lock();
                    let v = *g;
                    std::hint::black_box(());
                    *g = v + 1;
                }
            });
            for i in 0..4000 {
                if i == 100 {
                    go.store(true, std::sync::atomic::Ordering::Release);
                }
                let mut g = m.lock();
                let v = std::hint::black_box(*g);
                *g = v + 1;
            }
            other.join().unwrap();
            assert_eq!(*m.lock(), 4200);
        }
    }

    /// A lock made by one thread and used only by another after a hand-over.
    #[test]
    fn a_lock_handed_over_keeps_its_contents() {
        let m = Arc::new(BiasedMutex::new(vec![1u32]));
        m.lock().push(2);
        let other = m.clone();
        std::thread::spawn(move || other.lock().push(3)).join().unwrap();
        m.lock().push(4);
        assert_eq!(*m.lock(), vec![1, 2, 3, 4]);
        assert!(m.try_lock().is_some());
    }
}
