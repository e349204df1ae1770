//! Files where the importer expects a compiled module that are not one it
//! can load: each import is an ImportError with a clear message, and the
//! program goes on. (Real libraries that are truncated, or whose init
//! raises or panics, are tested with compiled modules in codegen-tests.)

use std::path::PathBuf;
use std::process::Command;

fn fault_dir(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("native-faults").join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    dir
}

fn library_name(module: &str) -> String {
    format!("{module}.protopy-{}.so", protopy_runtime::abi::abi_tag())
}

/// A 64-bit little-endian ELF shared object header for `machine` with one
/// loadable segment of `segment` bytes, in a file of `total` bytes.
fn elf(machine: u16, segment: u64, total: usize) -> Vec<u8> {
    let mut b = vec![0u8; total];
    b[..4].copy_from_slice(b"\x7fELF");
    b[4] = 2; // 64-bit
    b[5] = 1; // little-endian
    b[6] = 1;
    b[16..18].copy_from_slice(&3u16.to_le_bytes()); // shared object
    b[18..20].copy_from_slice(&machine.to_le_bytes());
    b[32..40].copy_from_slice(&64u64.to_le_bytes()); // program headers at 64
    b[54..56].copy_from_slice(&56u16.to_le_bytes());
    b[56..58].copy_from_slice(&1u16.to_le_bytes());
    b[64..68].copy_from_slice(&1u32.to_le_bytes()); // PT_LOAD
    b[96..104].copy_from_slice(&segment.to_le_bytes());
    b
}

/// Import each module in turn, print what each import raised, then
/// "still running".
fn import_each(dir: &PathBuf, modules: &[&str]) -> (Option<i32>, Vec<String>, String) {
    let names = modules.iter().map(|m| format!("'{m}'")).collect::<Vec<_>>().join(", ");
    let code = format!(
        "for name in ({names},):\n    try:\n        __import__(name)\n        print(name, 'imported')\n    except (ImportError, SystemError) as e:\n        print(name, type(e).__name__, e)\nprint('still running')\n"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_protopy"))
        .args(["-c", &code])
        .current_dir(dir)
        .env_remove("PROTOPY_REQUIRE_COMPILED")
        .output()
        .expect("run protopy");
    let stdout = String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect();
    (out.status.code(), stdout, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn files_that_are_not_loadable_libraries() {
    let dir = fault_dir("not-libraries");
    let other_machine: u16 = if cfg!(target_arch = "aarch64") { 62 } else { 183 };
    let host_machine: u16 = if cfg!(target_arch = "aarch64") { 183 } else { 62 };
    let mut noise = Vec::new();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..4096 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        noise.push(x as u8);
    }
    let files: &[(&str, Vec<u8>)] = &[
        ("empty", Vec::new()),
        ("noise", noise),
        ("text", b"print('this is not a library')\n".to_vec()),
        ("foreign", elf(other_machine, 4096, 4096)),
        ("truncated", elf(host_machine, 1 << 20, 4096)),
    ];
    for (module, bytes) in files {
        std::fs::write(dir.join(library_name(module)), bytes).expect("write");
    }
    let modules: Vec<&str> = files.iter().map(|(m, _)| *m).collect();
    let (code, lines, stderr) = import_each(&dir, &modules);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(code, Some(0), "{stderr}");
    let expected_reason = |module: &str| match module {
        "empty" | "noise" | "text" => "not a shared library (no ELF header)",
        "foreign" => "a library for another platform (",
        _ => "truncated or corrupt library (its headers reach past the end of the file)",
    };
    assert_eq!(lines.len(), files.len() + 1, "{lines:?}\n{stderr}");
    for (line, module) in lines.iter().zip(&modules) {
        let path = dir.join(library_name(module));
        let prefix = format!("{module} ImportError cannot load {}: {}", path.display(), expected_reason(module));
        assert!(line.starts_with(&prefix), "{line}\nexpected: {prefix}");
    }
    assert!(lines[3].ends_with("; this host is x86-64)") || cfg!(not(target_arch = "x86_64")), "{}", lines[3]);
    assert_eq!(lines[files.len()], "still running");
}

#[test]
fn a_broken_library_beside_its_source_is_still_an_error() {
    // The source is there, but a library of the right name that cannot be
    // loaded is reported, not silently skipped.
    let dir = fault_dir("beside-source");
    std::fs::write(dir.join("mod_a.py"), "print('from source')\n").expect("write");
    std::fs::write(dir.join(library_name("mod_a")), b"garbage").expect("write");
    let (code, lines, stderr) = import_each(&dir, &["mod_a"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(lines[0].starts_with("mod_a ImportError cannot load "), "{lines:?}");
    assert_eq!(lines[1], "still running");
}
