# The time module's calendar side: struct_time, gmtime, localtime, mktime,
# asctime, ctime, strftime, strptime, the zone constants and tzset, and their
# errors. Local time runs under fixed POSIX TZ rules, so the output does
# not depend on the machine's zone or the date.
import os
import time


def attempt(f, *args):
    try:
        print("  ->", repr(f(*args)))
    except Exception as e:
        print("  ->", type(e).__name__, e)


print("== struct_time")
st = time.struct_time((2024, 1, 2, 3, 4, 5, 1, 2, 0))
print(st)
print(str(st) == repr(st), len(st), st[0], st[-1], st[2:5], list(st)[:3])
print(st.tm_year, st.tm_mon, st.tm_mday, st.tm_hour, st.tm_min, st.tm_sec, st.tm_wday, st.tm_yday, st.tm_isdst)
print(st.tm_zone, st.tm_gmtoff)
print(st == (2024, 1, 2, 3, 4, 5, 1, 2, 0), st != tuple(st), st < (2025,), hash(st) == hash(tuple(st)))
print(isinstance(st, tuple), type(st).__name__, type(st).__module__, type(st))
print(st.n_fields, st.n_sequence_fields, st.n_unnamed_fields, time.struct_time.__match_args__)
print(type(st[1:]).__name__, type(st + (1,)).__name__, st.count(0), st.index(3))
full = time.struct_time((2024, 7, 1, 12, 0, 0, 0, 183, 1, "XYZ", 3600))
print(full, full.tm_zone, full.tm_gmtoff)
print(time.struct_time(range(10)).tm_zone, time.struct_time(range(10)).tm_gmtoff)
print(time.struct_time(range(9), {"tm_zone": "Q", "tm_gmtoff": -60}).tm_zone)
print(time.struct_time(sequence=range(9)).tm_mon, time.struct_time("abcdefghi").tm_year)
print(full.__reduce__())
print(full.__replace__(tm_year=1999, tm_zone="ABC"), full.__replace__(tm_mday=9).tm_zone)
match st:
    case time.struct_time(tm_year=2024, tm_mon=month):
        print("matched month", month)
for bad in (5, (1, 2, 3), range(12)):
    attempt(time.struct_time, bad)
attempt(time.struct_time, range(9), 5)
attempt(time.struct_time, range(9), {"foo": 1})
attempt(time.struct_time, range(10), {"tm_zone": "X"})
attempt(time.struct_time)
attempt(time.struct_time, range(9), {}, 1)
attempt(setattr, st, "tm_year", 1)
attempt(setattr, st, "foo", 1)
attempt(delattr, st, "tm_mon")
attempt(getattr, st, "foo")
attempt(lambda: st.__replace__(foo=1))
attempt(type, "Sub", (time.struct_time,), {})

print("== gmtime")
for secs in (0, 1, -1, 86399.9, -0.5, 951782400, 1709164800, 2**31, 253402300799, -62135596800, True):
    print(secs, time.gmtime(secs))
g = time.gmtime(1700000000)
print(g.tm_zone, g.tm_gmtoff, time.gmtime(None) >= g, type(time.gmtime()).__name__)
print(time.gmtime(67767976233532799))
for bad in ("x", 1.5j, float("nan"), float("inf"), 1e30, 2**63, 2**62, [1]):
    attempt(time.gmtime, bad)
attempt(time.gmtime, 1, 2)
attempt(lambda: time.gmtime(secs=1))


class Seconds:
    def __index__(self):
        return 86400


print(time.gmtime(Seconds()).tm_mday)

print("== asctime, ctime, strftime under UTC")
os.environ["TZ"] = "UTC0"
time.tzset()
print(time.timezone, time.altzone, time.daylight, time.tzname)
print(time.asctime(time.gmtime(0)), "|", time.ctime(0), "|", time.ctime(1e9))
print(time.asctime((2024, 2, 9, 8, 7, 6, 4, 40, 0)), "|", time.asctime((2024, 0, 0, 0, 0, 61, 6, 0, 0)))
print(time.asctime((-5, 1, 1, 0, 0, 0, 0, 1, 0)), "|", time.asctime((123456, 12, 31, 23, 59, 59, -1, 366, 0)))
print(type(time.asctime()).__name__, type(time.ctime()).__name__, type(time.ctime(None)).__name__)
fields = [(13, 1), (1, 32), (1, 1, 24), (1, 1, 0, 60), (1, 1, 0, 0, 62)]
for m, d, *hms in fields:
    hms += [0] * (3 - len(hms))
    attempt(time.asctime, (2024, m, d, *hms, 0, 1, 0))
attempt(time.asctime, (2024, 1, 1, 0, 0, 0, -2, 1, 0))
attempt(time.asctime, (2024, 1, 1, 0, 0, 0, 0, 367, 0))
attempt(time.asctime, (2024, 1, 1, 0, 0, 0, 0, -1, 0))
attempt(time.asctime, (1, 2))
attempt(time.asctime, [2024, 1, 1, 0, 0, 0, 0, 1, 0])
attempt(time.asctime, (1.0,) * 9)
attempt(time.asctime, (2**31,) + (1,) * 8)
attempt(time.asctime, (2**64,) + (1,) * 8)
attempt(time.asctime, (-2**31 + 1899,) + (1,) * 8)
attempt(time.asctime, (2024, 1, 1, 0, 0, 0, 0, 1, 0), 1)
attempt(time.ctime, "x")
attempt(time.ctime, 1, 2)

t = (2024, 3, 5, 14, 7, 9, 1, 65, 0)
print(time.strftime("%Y-%m-%d %H:%M:%S", t))
print(time.strftime("%a %A %b %B %c | %x %X %p %I %j %U %W %w %u %y %C %G %V %e %%", t))
print(time.strftime("%Z %z", t), "|", time.strftime("%Z %z", full), "|", time.strftime("%Z %z", time.gmtime(0)))
print(repr(time.strftime("", t)), repr(time.strftime("%p" * 300, t)[:6]), time.strftime("é%Y€", t))
print(time.strftime("%Y %j", (12345, 0, 0, 0, 0, 0, 0, 0, 0)), time.strftime("%Y", (-5, 1, 1, 0, 0, 0, 0, 1, 0)))
print(time.strftime("%Y", time.gmtime(0)), len(time.strftime("%Y")) == 4)
attempt(time.strftime, 5)
attempt(time.strftime, "%Y", 5)
attempt(time.strftime, "%Y", None)
attempt(time.strftime, "%Y", (1,))
attempt(time.strftime, "a\0b", t)
attempt(time.strftime, "%H", (2024, 1, 1, -1, 0, 0, 0, 1, 0))
attempt(time.strftime, "%Z", time.struct_time((2024, 1, 1, 0, 0, 0, 0, 1, 0, 5, 7)))
attempt(time.strftime, "%z", time.struct_time((2024, 1, 1, 0, 0, 0, 0, 1, 0, None, 2**70)))
attempt(time.strftime)
attempt(time.strftime, "%Y", t, 3)
attempt(lambda: time.strftime(format="%Y"))

print("== mktime and localtime in fixed zones")
for tz in ("UTC0", "EST+05EDT,M3.2.0,M11.1.0", "AEST-10AEDT,M10.1.0,M4.1.0/3", "IST-5:30", "JST-9"):
    os.environ["TZ"] = tz
    time.tzset()
    print(tz, time.timezone, time.altzone, time.daylight, time.tzname)
    for secs in (0, 1000000000, 1700000000, 1720000000):
        lt = time.localtime(secs)
        print(" ", lt, lt.tm_zone, lt.tm_gmtoff)
        print("   ", time.mktime(lt) == secs, time.ctime(secs), time.strftime("%Z %z %H:%M", lt))
    print("  mktime", time.mktime((2024, 7, 1, 12, 0, 0, 0, 0, -1)), time.mktime((2024, 13, 40, 0, 0, 0, 0, 0, 0)))
    print("  round trip", all(time.mktime(time.localtime(s)) == s for s in range(-86400 * 400, 86400 * 800, 86400 * 7 + 3607)))

os.environ["TZ"] = "EST+05EDT,M3.2.0,M11.1.0"
time.tzset()
print(time.mktime((2024, 7, 1, 12, 0, 0, 0, 0, 0)), time.mktime((2024, 7, 1, 12, 0, 0, 0, 0, 1)))
print(time.strftime("%Z %z", (2024, 7, 1, 12, 0, 0, 0, 0, 1)), time.strftime("%Z %z", (2024, 7, 1, 12, 0, 0, 0, 0, 0)))
print(time.mktime(time.struct_time((2024, 1, 1, 0, 0, 0, 0, 1, 0, "XYZ", 3600))))
for bad in (5, [1] * 9, (1,) * 8, (1,) * 10, (1.0,) * 9, ("a",) * 9, (2**31,) + (1,) * 8, (-2**31,) + (1,) * 8):
    attempt(time.mktime, bad)
attempt(time.mktime)
attempt(time.mktime, time.struct_time((2024, 1, 1, 0, 0, 0, 0, 1, 0, 5, 7)))
attempt(time.localtime, 2**62)
attempt(time.localtime, 1, 2)
os.environ["TZ"] = "UTC0"
time.tzset()

print("== strptime")
for args in [
    ("Tue Mar 17 22:44:55 1999",),
    ("tue MAR 17 22:44:55 1999",),
    ("2024-02-29", "%Y-%m-%d"),
    ("12/31/99", "%x"),
    ("12/31/68", "%m/%d/%y"),
    ("Sun Feb  4 01:02:03 2024", "%c"),
    ("2024 366", "%Y %j"),
    ("2023 366", "%Y %j"),
    ("12 AM", "%I %p"),
    ("12 pm", "%I %p"),
    ("1 pm", "%I %p"),
    ("2024 10 3", "%Y %U %w"),
    ("2024 10 3", "%Y %W %w"),
    ("2024 0 0", "%Y %U %w"),
    ("2021 0 1", "%Y %W %u"),
    ("2024 52 Mon", "%G %V %a"),
    ("2020 53 7", "%G %V %u"),
    ("1999-03-17T22:44:55+0100", "%Y-%m-%dT%H:%M:%S%z"),
    ("-01:30:15.123", "%z"),
    ("Z", "%z"),
    ("UTC", "%Z"),
    ("1231", "%m%d"),
    ("11231", "%m%d%y"),
    ("%2024", "%%%Y"),
    ("2024  \t 1", "%Y %m"),
    ("1.5", "%S.%f"),
    ("Monday January 1 2024", "%A %B %d %Y"),
    ("May 5 2024", "%b %d %Y"),
    ("9:5:7", "%H:%M:%S"),
]:
    r = time.strptime(*args)
    print(args, r, r.tm_zone, r.tm_gmtoff)
for args in [
    ("2023-02-29", "%Y-%m-%d"),
    ("0000-01-01", "%Y-%m-%d"),
    ("2021 53 7", "%G %V %u"),
    ("2024 52", "%G %V"),
    ("2024 52 1", "%Y %V %u"),
    ("52 1", "%V %u"),
    ("-01:3015", "%z"),
    ("z", "%z"),
    ("2024x", "%Y"),
    ("x2024", "%Y"),
    ("20241", "%Y %m"),
    ("24:00", "%H:%M"),
    ("2024", "%Q"),
    ("2024", "%Y%"),
    ("2024", "% Y"),
    ("2024", "%.Y"),
    (5,),
    ("5", 5),
    ("5", "%d", "x"),
    (),
]:
    attempt(time.strptime, *args)
attempt(lambda: time.strptime("5", format="%d"))

print("== clocks")
print(time.thread_time_ns() >= 0, isinstance(time.thread_time_ns(), int))
print(time.clock_gettime(time.CLOCK_REALTIME) > 1e9, isinstance(time.clock_gettime_ns(time.CLOCK_MONOTONIC), int))
print(time.clock_getres(time.CLOCK_MONOTONIC) > 0, time.CLOCK_REALTIME, time.CLOCK_MONOTONIC)
for name in ("time", "monotonic", "perf_counter", "process_time", "thread_time"):
    info = time.get_clock_info(name)
    print(name, info.implementation, info.monotonic, info.adjustable, info.resolution > 0)
attempt(time.get_clock_info, "x")
attempt(time.get_clock_info, 5)
attempt(time.clock_gettime, "x")
attempt(time.clock_gettime, 999)
attempt(time.thread_time_ns, 1)
attempt(time.tzset, 1)
