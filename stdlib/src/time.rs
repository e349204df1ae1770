//! The `time` module: clocks and `sleep`.

use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use protopy_runtime::args::check_fn;
use protopy_runtime::{ops, CallArgs, PyErr, PyResult, Value};

fn origin() -> Instant {
    static START: OnceLock<Instant> = OnceLock::new();
    *START.get_or_init(Instant::now)
}

fn time(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "time.time", 0, 0)?;
    let d = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    Ok(Value::Float(d.as_secs_f64()))
}

fn time_ns(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "time.time_ns", 0, 0)?;
    let d = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    Ok(Value::Int(d.as_nanos() as i64))
}

fn perf_counter(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "time.perf_counter", 0, 0)?;
    Ok(Value::Float(origin().elapsed().as_secs_f64()))
}

fn perf_counter_ns(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "time.perf_counter_ns", 0, 0)?;
    Ok(Value::Int(origin().elapsed().as_nanos() as i64))
}

fn monotonic(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "time.monotonic", 0, 0)?;
    Ok(Value::Float(origin().elapsed().as_secs_f64()))
}

fn monotonic_ns(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "time.monotonic_ns", 0, 0)?;
    Ok(Value::Int(origin().elapsed().as_nanos() as i64))
}

/// CPU time of the whole process (all threads), in nanoseconds.
fn cpu_time_ns(clock: libc::clockid_t) -> i64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec we own.
    let r = unsafe { libc::clock_gettime(clock, &mut ts) };
    if r != 0 {
        return 0;
    }
    ts.tv_sec as i64 * 1_000_000_000 + ts.tv_nsec as i64
}

fn process_time(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "time.process_time", 0, 0)?;
    Ok(Value::Float(cpu_time_ns(libc::CLOCK_PROCESS_CPUTIME_ID) as f64 / 1e9))
}

fn process_time_ns(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "time.process_time_ns", 0, 0)?;
    Ok(Value::Int(cpu_time_ns(libc::CLOCK_PROCESS_CPUTIME_ID)))
}

fn thread_time(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "time.thread_time", 0, 0)?;
    Ok(Value::Float(cpu_time_ns(libc::CLOCK_THREAD_CPUTIME_ID) as f64 / 1e9))
}

fn sleep(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "time.sleep", 1, 1)?;
    // As CPython: a float, else an integer (`__index__`).
    let secs = match ops::payload(&pos[0]) {
        Value::Float(f) => f,
        _ => ops::to_f64(&ops::index_int(&pos[0])?)?,
    };
    if secs.is_nan() {
        return Err(PyErr::value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(PyErr::value_error("sleep length must be non-negative"));
    }
    if !secs.is_finite() {
        return Err(PyErr::overflow("sleep length is too large"));
    }
    protopy_runtime::io::flush_stdout();
    let duration = std::time::Duration::try_from_secs_f64(secs).map_err(|_| PyErr::overflow("sleep length is too large"))?;
    protopy_runtime::signals::sleep(duration)?;
    Ok(Value::None)
}

pub fn module() -> PyResult<Value> {
    origin();
    let m = crate::util::new_module(
        "time",
        &[
            ("time", time),
            ("time_ns", time_ns),
            ("perf_counter", perf_counter),
            ("perf_counter_ns", perf_counter_ns),
            ("monotonic", monotonic),
            ("monotonic_ns", monotonic_ns),
            ("process_time", process_time),
            ("process_time_ns", process_time_ns),
            ("thread_time", thread_time),
            ("sleep", sleep),
        ],
    );
    Ok(Value::Module(m))
}
