//! Stress tests for GIL-free threads: shared containers and objects hammered
//! by many threads at once. Counts must come out exact (operations that are
//! atomic in CPython are atomic here) and nothing may crash.

use std::process::Command;

fn run(source: &str) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_protopy"))
        .arg("-c")
        .arg(source)
        .output()
        .expect("run protopy");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn expect(source: &str, expected: &str) {
    let (ok, stdout, stderr) = run(source);
    assert!(ok, "failed: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(stdout, expected, "stderr: {stderr}");
}

#[test]
fn concurrent_appends_to_one_list_are_all_kept() {
    expect(
        "import threading\n\
         items = []\n\
         def work(k):\n    for i in range(100000):\n        items.append(i)\n\
         ts = [threading.Thread(target=work, args=(k,)) for k in range(8)]\n\
         for t in ts: t.start()\n\
         for t in ts: t.join()\n\
         print(len(items), sum(items))\n",
        "800000 39999600000\n",
    );
}

#[test]
fn dict_counters_under_a_lock_are_exact() {
    expect(
        "import threading\n\
         counts = {}\n\
         lock = threading.Lock()\n\
         def work(k):\n    for i in range(20000):\n        key = i % 10\n        with lock:\n            counts[key] = counts.get(key, 0) + 1\n\
         ts = [threading.Thread(target=work, args=(k,)) for k in range(8)]\n\
         for t in ts: t.start()\n\
         for t in ts: t.join()\n\
         print(sorted(counts.items())[:2], sum(counts.values()))\n",
        "[(0, 16000), (1, 16000)] 160000\n",
    );
}

#[test]
fn setdefault_and_set_add_are_atomic() {
    expect(
        "import threading\n\
         d = {}\n\
         s = set()\n\
         def work(k):\n    for i in range(20000):\n        d.setdefault(i, k)\n        s.add(i)\n\
         ts = [threading.Thread(target=work, args=(k,)) for k in range(6)]\n\
         for t in ts: t.start()\n\
         for t in ts: t.join()\n\
         print(len(d), len(s))\n",
        "20000 20000\n",
    );
}

#[test]
fn readers_iterate_while_writers_mutate() {
    expect(
        "import threading\n\
         lst = list(range(1000))\n\
         d = {i: i for i in range(1000)}\n\
         s = set(range(1000))\n\
         stop = threading.Event()\n\
         errors = []\n\
         def writer(k):\n    for i in range(5000):\n        lst.append(i)\n        lst.pop(0)\n        d[10**6 + i + 10**5 * k] = i\n        d.pop(10**6 + i + 10**5 * k, None)\n        s.add(-i - 1)\n        s.discard(-i - 1)\n\
         def reader():\n    while not stop.is_set():\n        total = 0\n        for x in lst:\n            total += 1\n        for c in (d, s):\n            try:\n                for x in c:\n                    total += 1\n            except RuntimeError:\n                pass\n\
         rs = [threading.Thread(target=reader) for _ in range(3)]\n\
         ws = [threading.Thread(target=writer, args=(k,)) for k in range(3)]\n\
         for t in rs + ws: t.start()\n\
         for t in ws: t.join()\n\
         stop.set()\n\
         for t in rs: t.join()\n\
         print(len(lst), len(d), len(s))\n",
        "1000 1000 1000\n",
    );
}

#[test]
fn objects_made_and_dropped_across_threads() {
    expect(
        "import threading\n\
         class Node:\n    def __init__(self, v):\n        self.v = v\n        self.next = None\n\
         shared = [Node(i) for i in range(100)]\n\
         def work(k):\n    acc = 0\n    for i in range(20000):\n        n = Node(i)\n        n.next = shared[i % 100]\n        acc += n.next.v\n        shared[(i + k) % 100].v += 0\n    results[k] = acc\n\
         results = [0] * 8\n\
         ts = [threading.Thread(target=work, args=(k,)) for k in range(8)]\n\
         for t in ts: t.start()\n\
         for t in ts: t.join()\n\
         print(results[0] == results[7], sum(n.v for n in shared))\n",
        "True 4950\n",
    );
}

#[test]
fn exception_in_a_thread_is_reported_and_the_process_goes_on() {
    let (ok, stdout, stderr) = run(
        "import threading\n\
         def boom():\n    raise ValueError('in thread')\n\
         t = threading.Thread(target=boom, name='worker')\n\
         t.start(); t.join()\n\
         print('main continues')\n",
    );
    assert!(ok, "{stderr}");
    assert_eq!(stdout, "main continues\n");
    assert!(stderr.starts_with("Exception in thread worker:\nTraceback (most recent call last):\n"), "{stderr}");
    assert!(stderr.ends_with("ValueError: in thread\n"), "{stderr}");
}

#[test]
fn process_waits_for_non_daemon_threads() {
    expect(
        "import threading, time\n\
         def late():\n    time.sleep(0.2)\n    print('late thread done')\n\
         threading.Thread(target=late).start()\n\
         print('main done')\n",
        "main done\nlate thread done\n",
    );
}

#[test]
fn threads_sharing_one_iterator_each_get_distinct_items() {
    expect(
        "import threading\n\
         its = [iter(range(-100000, 200000, 3)), iter(list(range(100000))), iter(tuple(range(100000)))]\n\
         for it in its:\n\
         \x20   got = [[] for _ in range(4)]\n\
         \x20   def work(k):\n\
         \x20       for x in it:\n\
         \x20           got[k].append(x)\n\
         \x20   ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]\n\
         \x20   for t in ts: t.start()\n\
         \x20   for t in ts: t.join()\n\
         \x20   every = [x for g in got for x in g]\n\
         \x20   print(len(every), len(set(every)), sum(every))\n",
        "100000 100000 4999850000\n100000 100000 4999950000\n100000 100000 4999950000\n",
    );
}
