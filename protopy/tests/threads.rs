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

#[test]
fn owners_keep_working_while_other_threads_take_their_objects() {
    // Each thread makes a list, a dict and a slotted object and works on
    // them while its neighbour writes to the list and reads the others:
    // the first foreign access ends the maker's fast path mid-stream.
    expect(
        "import threading\n\
         N = 4\n\
         lists = [None] * N\n\
         dicts = [None] * N\n\
         boxes = [None] * N\n\
         class Box:\n    __slots__ = ('n',)\n\
         ready = threading.Barrier(N)\n\
         def work(k):\n    mine = []\n    d = {}\n    b = Box()\n    b.n = 0\n    lists[k] = mine\n    dicts[k] = d\n    boxes[k] = b\n    ready.wait()\n    other = (k + 1) % N\n    seen = 0\n    for i in range(30000):\n        mine.append(i)\n        lists[other].append(-1)\n        d[i % 64] = d.get(i % 64, 0) + 1\n        seen += dicts[other].get(i % 64, 0) >= 0\n        b.n += 1\n        seen += boxes[other].n >= 0\n    assert seen == 60000\n\
         ts = [threading.Thread(target=work, args=(k,)) for k in range(N)]\n\
         for t in ts: t.start()\n\
         for t in ts: t.join()\n\
         print([len(l) for l in lists], [sum(x for x in l if x >= 0) for l in lists][0])\n\
         print([sum(d.values()) for d in dicts], [b.n for b in boxes])\n",
        "[60000, 60000, 60000, 60000] 449985000\n[30000, 30000, 30000, 30000] [30000, 30000, 30000, 30000]\n",
    );
}

#[test]
fn objects_handed_between_threads_many_times_stay_exact() {
    // More hand-overs than the runtime's budget for ending fast paths, so
    // later objects are made shared from the start.
    expect(
        "import threading, queue\n\
         q = queue.Queue()\n\
         done = []\n\
         def produce():\n    for i in range(6000):\n        q.put([i])\n    q.put(None)\n\
         def consume():\n    total = 0\n    while True:\n        item = q.get()\n        if item is None:\n            break\n        item.append(1)\n        total += sum(item)\n        done.append(item)\n    print(total)\n\
         a = threading.Thread(target=produce)\n\
         b = threading.Thread(target=consume)\n\
         a.start(); b.start(); a.join(); b.join()\n\
         print(len(done), sum(len(x) for x in done))\n",
        "18003000\n6000 12000\n",
    );
}
