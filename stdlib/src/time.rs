//! `_time`: the native half of `time` (python/time.py adds `struct_time`,
//! the zone constants, `get_clock_info` and `strptime`). Clocks, `sleep`,
//! and the calendar conversions, which go through the C library
//! (`gmtime_r`, `localtime_r`, `mktime`, `strftime`) as CPython's do, so
//! zones and formats agree with it on the same machine.

use std::ffi::{CStr, CString};
use std::sync::{Arc, OnceLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use libc::{c_int, c_long, time_t};
use parking_lot::RwLock;
use protopy_runtime::args::check_fn;
use protopy_runtime::objects::instance::{Instance, Payload};
use protopy_runtime::objects::typeobj::TypeObj;
use protopy_runtime::{ctx, ops, CallArgs, PyErr, PyResult, Value};

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

fn thread_time_ns(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "time.thread_time_ns", 0, 0)?;
    Ok(Value::Int(cpu_time_ns(libc::CLOCK_THREAD_CPUTIME_ID)))
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

// ---------------------------------------------------------------------
// clock_gettime and friends on an explicit clock id

/// A clock id argument: CPython accepts anything with `__index__` that
/// fits in a C int, and says "clk_id should be integer" otherwise.
fn clock_id(v: &Value) -> PyResult<libc::clockid_t> {
    let id = match ops::index_int(v) {
        Ok(Value::Int(n)) => libc::clockid_t::try_from(n).ok(),
        _ => None,
    };
    id.ok_or_else(|| PyErr::type_error(format!("clk_id should be integer, not {}", ops::type_name(v))))
}

/// Run `f` on the clock, OSError (EINVAL for an unknown clock) on failure.
fn read_clock(
    clock: libc::clockid_t,
    f: unsafe extern "C" fn(libc::clockid_t, *mut libc::timespec) -> c_int,
) -> PyResult<libc::timespec> {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: the call writes one timespec we own.
    if unsafe { f(clock, &mut ts) } != 0 {
        return Err(last_os_error());
    }
    Ok(ts)
}

fn seconds(ts: &libc::timespec) -> f64 {
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

fn clock_gettime(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "time.clock_gettime", 1, 1)?;
    let ts = read_clock(clock_id(&pos[0])?, libc::clock_gettime)?;
    Ok(Value::Float(seconds(&ts)))
}

fn clock_gettime_ns(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "time.clock_gettime_ns", 1, 1)?;
    let ts = read_clock(clock_id(&pos[0])?, libc::clock_gettime)?;
    Ok(Value::Int(ts.tv_sec as i64 * 1_000_000_000 + ts.tv_nsec as i64))
}

fn clock_getres(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "time.clock_getres", 1, 1)?;
    let ts = read_clock(clock_id(&pos[0])?, libc::clock_getres)?;
    Ok(Value::Float(seconds(&ts)))
}

// ---------------------------------------------------------------------
// Arguments: the messages of CPython's argument parsers

/// OSError from `errno`; EINVAL when the C library failed without saying
/// why (CPython does the same).
fn last_os_error() -> PyErr {
    let code = match std::io::Error::last_os_error().raw_os_error() {
        Some(0) | None => libc::EINVAL,
        Some(c) => c,
    };
    protopy_runtime::io::os_error(&std::io::Error::from_raw_os_error(code))
}

/// The positional arguments of a function CPython parses with
/// `PyArg_ParseTuple`, whose arity messages differ from the usual ones:
/// "gmtime() takes at most 1 argument (2 given)".
fn parse_tuple_args<'a>(a: &CallArgs<'a>, fname: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    a.no_kwargs(fname)?;
    let pos = a.positional();
    let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
    if pos.len() > max {
        return Err(PyErr::type_error(format!("{fname}() takes at most {max} {} ({} given)", plural(max), pos.len())));
    }
    if pos.len() < min {
        return Err(PyErr::type_error(format!("{fname}() takes at least {min} {} ({} given)", plural(min), pos.len())));
    }
    Ok(pos)
}

fn time_t_overflow() -> PyErr {
    PyErr::overflow("timestamp out of range for platform time_t")
}

/// Seconds since the epoch as a `time_t`: a float is floored (as CPython's
/// `_PyTime_ROUND_FLOOR`), anything else must be an integer.
fn timestamp(v: &Value) -> PyResult<time_t> {
    if let Value::Float(f) = ops::payload(v) {
        if f.is_nan() {
            return Err(PyErr::value_error("Invalid value NaN (not a number)"));
        }
        let f = f.floor();
        // i64::MAX as f64 is 2**63, itself out of range; every float below
        // it converts exactly.
        if !(i64::MIN as f64..i64::MAX as f64).contains(&f) {
            return Err(time_t_overflow());
        }
        return time_t::try_from(f as i64).map_err(|_| time_t_overflow());
    }
    match ops::index_int(v)? {
        Value::Int(n) => time_t::try_from(n).map_err(|_| time_t_overflow()),
        _ => Err(time_t_overflow()),
    }
}

/// The optional `secs` argument of gmtime, localtime and ctime: missing or
/// None means now.
fn secs_arg(a: &CallArgs, fname: &str) -> PyResult<time_t> {
    let pos = parse_tuple_args(a, fname, 0, 1)?;
    match pos.first().filter(|v| !v.is_none()) {
        Some(v) => timestamp(v),
        None => Ok(now()),
    }
}

fn now() -> time_t {
    let d = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    time_t::try_from(d.as_secs()).unwrap_or(time_t::MAX)
}

/// A Python int as a C long, with PyArg_ParseTuple's messages.
fn c_long_of(v: &Value) -> PyResult<c_long> {
    match ops::index_int(v)? {
        Value::Int(n) => c_long::try_from(n).map_err(|_| PyErr::overflow("Python int too large to convert to C long")),
        _ => Err(PyErr::overflow("Python int too large to convert to C long")),
    }
}

/// A Python int as a C int (the "i" format unit).
fn c_int_of(v: &Value) -> PyResult<c_int> {
    let n = c_long_of(v)?;
    c_int::try_from(n).map_err(|_| {
        let side = if n > 0 { "greater than maximum" } else { "less than minimum" };
        PyErr::overflow(format!("signed integer is {side}"))
    })
}

// ---------------------------------------------------------------------
// struct tm <-> struct_time

/// `time.struct_time`, which time.py defines and registers; the
/// conversions make instances of it and treat its zone fields specially.
static STRUCT_TIME: RwLock<Option<Arc<TypeObj>>> = RwLock::new(None);

fn set_struct_time(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "_set_struct_time", 1, 1)?;
    let cls = pos[0].as_type().ok_or_else(|| PyErr::type_error("_set_struct_time() needs a class"))?;
    *STRUCT_TIME.write() = Some(cls.clone());
    Ok(Value::None)
}

fn is_struct_time(v: &Value) -> bool {
    STRUCT_TIME.read().as_ref().is_some_and(|cls| Arc::ptr_eq(cls, &ops::type_of(v)))
}

fn zeroed_tm() -> libc::tm {
    // SAFETY: struct tm is integers and one pointer; all zeros (a null
    // zone) is a valid value.
    unsafe { std::mem::zeroed() }
}

/// The C library's conversion of a timestamp (`gmtime_r` or `localtime_r`).
type ToTm = unsafe extern "C" fn(*const time_t, *mut libc::tm) -> *mut libc::tm;

fn broken_down(t: time_t, convert: ToTm) -> PyResult<libc::tm> {
    let mut tm = zeroed_tm();
    // SAFETY: reads one time_t and writes one struct tm, both ours.
    if unsafe { convert(&t, &mut tm) }.is_null() {
        // EOVERFLOW when the year does not fit in an int.
        return Err(last_os_error());
    }
    Ok(tm)
}

/// The 11 struct_time fields of `tm`: Python counts months and days of the
/// year from 1 and weekdays from Monday, C from 0 and Sunday.
fn tm_fields(tm: &libc::tm) -> Vec<Value> {
    let zone = if tm.tm_zone.is_null() {
        Value::None
    } else {
        // SAFETY: the C library points tm_zone at a NUL-terminated name
        // that lives at least until the next conversion on this thread.
        Value::string(unsafe { CStr::from_ptr(tm.tm_zone) }.to_string_lossy().into_owned())
    };
    let int = |n: c_int| Value::Int(n as i64);
    vec![
        // In C int arithmetic, as CPython (a year past 2**31-1 wraps).
        int(tm.tm_year.wrapping_add(1900)),
        int(tm.tm_mon + 1),
        int(tm.tm_mday),
        int(tm.tm_hour),
        int(tm.tm_min),
        int(tm.tm_sec),
        int((tm.tm_wday + 6) % 7),
        int(tm.tm_yday + 1),
        int(tm.tm_isdst),
        zone,
        Value::Int(i64::from(tm.tm_gmtoff)),
    ]
}

/// A struct_time made directly, without running its Python `__new__`
/// (gmtime is called in loops): the 9-tuple as the tuple payload, and
/// tm_zone and tm_gmtoff in `_extra`, where time.py's class keeps them.
fn struct_time(tm: &libc::tm) -> Value {
    let mut fields = tm_fields(tm);
    let extra = fields.split_off(9);
    let Some(cls) = STRUCT_TIME.read().clone() else {
        fields.extend(extra);
        return Value::tuple(fields);
    };
    let inst = Instance::new(cls, Payload::Builtin(Value::tuple(fields)));
    inst.dict.set_str("_extra", Value::tuple(extra));
    Value::Instance(Arc::new(inst))
}

/// A time tuple given to mktime, asctime or strftime, as a `struct tm`.
/// `zone` owns the name `tm.tm_zone` points to, so it lives as long as tm.
struct TmArg {
    tm: libc::tm,
    _zone: Option<CString>,
}

/// CPython's `gettmarg`: a tuple of 9 C ints (a struct_time also brings
/// its zone and UTC offset). `what` is the message for a wrong length.
fn tm_arg(v: &Value, what: &str) -> PyResult<TmArg> {
    if !ops::is_instance_of(v, &ctx().types.tuple) {
        return Err(PyErr::type_error("Tuple or struct_time argument required"));
    }
    let items = ops::collect(&ops::payload(v))?;
    if items.len() != 9 {
        return Err(PyErr::type_error(what));
    }
    let mut f = [0 as c_int; 9];
    for (slot, item) in f.iter_mut().zip(&items) {
        *slot = c_int_of(item)?;
    }
    if f[0] < c_int::MIN + 1900 {
        return Err(PyErr::overflow("year out of range"));
    }
    let mut tm = zeroed_tm();
    tm.tm_year = f[0] - 1900;
    // Wrapping where C would overflow: the range checks reject the result.
    tm.tm_mon = f[1].wrapping_sub(1);
    tm.tm_mday = f[2];
    tm.tm_hour = f[3];
    tm.tm_min = f[4];
    tm.tm_sec = f[5];
    tm.tm_wday = f[6].wrapping_add(1) % 7;
    tm.tm_yday = f[7].wrapping_sub(1);
    tm.tm_isdst = f[8];
    let zone = if is_struct_time(v) { apply_zone(v, &mut tm)? } else { None };
    Ok(TmArg { tm, _zone: zone })
}

/// A struct_time's `tm_zone` and `tm_gmtoff` (when not None) go into tm,
/// so strftime's %Z and %z show them.
fn apply_zone(v: &Value, tm: &mut libc::tm) -> PyResult<Option<CString>> {
    let zone = ops::getattr_str(v, "tm_zone")?;
    let name = if zone.is_none() {
        None
    } else {
        let s = ops::payload(&zone);
        let s = s.as_str().ok_or_else(|| PyErr::type_error("bad argument type for built-in operation"))?;
        // C sees the name up to its first NUL, as in CPython.
        let bytes = s.as_bytes().split(|&b| b == 0).next().unwrap_or_default();
        Some(CString::new(bytes).unwrap_or_default())
    };
    if let Some(n) = &name {
        tm.tm_zone = n.as_ptr();
    }
    let offset = ops::getattr_str(v, "tm_gmtoff")?;
    if !offset.is_none() {
        tm.tm_gmtoff = c_long_of(&offset)?;
    }
    Ok(name)
}

/// CPython's `checktm`: asctime and strftime index name tables with these
/// fields, so they must be in range. A month, day or day of the year of 0
/// means the first one.
fn check_tm(tm: &mut libc::tm) -> PyResult<()> {
    if tm.tm_mon == -1 {
        tm.tm_mon = 0;
    }
    if tm.tm_mday == 0 {
        tm.tm_mday = 1;
    }
    if tm.tm_yday == -1 {
        tm.tm_yday = 0;
    }
    let checks = [
        ((0..=11).contains(&tm.tm_mon), "month out of range"),
        ((1..=31).contains(&tm.tm_mday), "day of month out of range"),
        ((0..=23).contains(&tm.tm_hour), "hour out of range"),
        ((0..=59).contains(&tm.tm_min), "minute out of range"),
        ((0..=61).contains(&tm.tm_sec), "seconds out of range"),
        // tm_wday is already below 7 (taken modulo 7).
        (tm.tm_wday >= 0, "day of week out of range"),
        ((0..=365).contains(&tm.tm_yday), "day of year out of range"),
    ];
    match checks.iter().find(|(ok, _)| !ok) {
        Some((_, msg)) => Err(PyErr::value_error(*msg)),
        None => Ok(()),
    }
}

// ---------------------------------------------------------------------
// The conversions

fn gmtime(a: CallArgs) -> PyResult<Value> {
    let t = secs_arg(&a, "gmtime")?;
    Ok(struct_time(&broken_down(t, libc::gmtime_r)?))
}

fn localtime(a: CallArgs) -> PyResult<Value> {
    let t = secs_arg(&a, "localtime")?;
    Ok(struct_time(&broken_down(t, libc::localtime_r)?))
}

fn mktime(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "time.mktime", 1, 1)?;
    let mut arg = tm_arg(&pos[0], "mktime(): illegal time tuple argument")?;
    // -1 is both an error and a valid result (one second before the
    // epoch); mktime fills tm_wday only when it succeeds.
    arg.tm.tm_wday = -1;
    // SAFETY: mktime normalises the struct tm we own.
    let t = unsafe { libc::mktime(&mut arg.tm) };
    if t == -1 && arg.tm.tm_wday == -1 {
        return Err(PyErr::overflow("mktime argument out of range"));
    }
    Ok(Value::Float(t as f64))
}

/// The `t` argument of asctime and strftime, checked; the local time now
/// when it is missing.
fn checked_tm_arg(t: Option<&Value>, what: &str) -> PyResult<TmArg> {
    match t {
        None => Ok(TmArg { tm: broken_down(now(), libc::localtime_r)?, _zone: None }),
        Some(t) => {
            let mut arg = tm_arg(t, what)?;
            check_tm(&mut arg.tm)?;
            Ok(arg)
        }
    }
}

/// "Sun Jun 20 23:21:05 1993", C's asctime without its newline.
fn asctime_text(tm: &libc::tm) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let day = usize::try_from(tm.tm_wday).ok().and_then(|i| DAYS.get(i)).unwrap_or(&"???");
    let month = usize::try_from(tm.tm_mon).ok().and_then(|i| MONTHS.get(i)).unwrap_or(&"???");
    format!(
        "{day} {month}{:3} {:02}:{:02}:{:02} {}",
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        1900 + tm.tm_year as i64
    )
}

fn asctime(a: CallArgs) -> PyResult<Value> {
    let pos = check_fn(&a, "asctime", 0, 1)?;
    let arg = checked_tm_arg(pos.first(), "asctime(): illegal time tuple argument")?;
    Ok(Value::string(asctime_text(&arg.tm)))
}

fn ctime(a: CallArgs) -> PyResult<Value> {
    let t = secs_arg(&a, "ctime")?;
    Ok(Value::string(asctime_text(&broken_down(t, libc::localtime_r)?)))
}

fn strftime(a: CallArgs) -> PyResult<Value> {
    let pos = parse_tuple_args(&a, "strftime", 1, 2)?;
    let format = ops::payload(&pos[0]);
    let format = format.as_str().ok_or_else(|| {
        PyErr::type_error(format!("strftime() argument 1 must be str, not {}", ops::type_name(&pos[0])))
    })?;
    let mut arg = checked_tm_arg(pos.get(1), "strftime(): illegal time tuple argument")?;
    // Some C libraries index a table with tm_isdst for %Z.
    arg.tm.tm_isdst = arg.tm.tm_isdst.clamp(-1, 1);
    let format = CString::new(format).map_err(|_| PyErr::value_error("embedded null character"))?;
    Ok(Value::string(format_tm(&format, &arg.tm)))
}

/// C's strftime into a buffer that grows until the text fits. A result of
/// 0 bytes is either "too small" or an empty text (a format of "" or "%p"
/// in some locales): CPython gives up growing at 256 times the format's
/// length and takes it as empty, and so does this.
fn format_tm(format: &CStr, tm: &libc::tm) -> String {
    let limit = 256 * format.to_bytes().len();
    let mut size = 1024;
    loop {
        let mut buf = vec![0u8; size];
        // SAFETY: strftime writes at most `size` bytes into buf; format is
        // NUL-terminated and tm (and the zone name it may point to) is live.
        let n = unsafe { libc::strftime(buf.as_mut_ptr().cast(), size, format.as_ptr(), tm) };
        if n > 0 || size >= limit {
            buf.truncate(n);
            return String::from_utf8_lossy(&buf).into_owned();
        }
        size *= 2;
    }
}

extern "C" {
    // POSIX; not declared by the libc crate.
    fn tzset();
}

/// Re-read the TZ environment variable. time.py then recomputes the zone
/// constants.
fn tz_set(a: CallArgs) -> PyResult<Value> {
    check_fn(&a, "time.tzset", 0, 0)?;
    // SAFETY: tzset takes no arguments; glibc serialises it with the
    // conversions.
    unsafe { tzset() };
    Ok(Value::None)
}

pub fn module() -> PyResult<Value> {
    origin();
    // As CPython at import: the conversions see the current TZ.
    // SAFETY: as in tz_set.
    unsafe { tzset() };
    let m = crate::util::new_module(
        "_time",
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
            ("thread_time_ns", thread_time_ns),
            ("sleep", sleep),
            ("clock_gettime", clock_gettime),
            ("clock_gettime_ns", clock_gettime_ns),
            ("clock_getres", clock_getres),
            ("gmtime", gmtime),
            ("localtime", localtime),
            ("mktime", mktime),
            ("asctime", asctime),
            ("ctime", ctime),
            ("strftime", strftime),
            ("tzset", tz_set),
            ("_set_struct_time", set_struct_time),
        ],
    );
    let clocks = [
        ("CLOCK_REALTIME", libc::CLOCK_REALTIME),
        ("CLOCK_MONOTONIC", libc::CLOCK_MONOTONIC),
        ("CLOCK_MONOTONIC_RAW", libc::CLOCK_MONOTONIC_RAW),
        ("CLOCK_PROCESS_CPUTIME_ID", libc::CLOCK_PROCESS_CPUTIME_ID),
        ("CLOCK_THREAD_CPUTIME_ID", libc::CLOCK_THREAD_CPUTIME_ID),
        ("CLOCK_BOOTTIME", libc::CLOCK_BOOTTIME),
        ("CLOCK_TAI", libc::CLOCK_TAI),
    ];
    for (name, id) in clocks {
        m.set(name, Value::Int(id as i64));
    }
    Ok(Value::Module(m))
}
