//! Checks on a compiled module's file before the dynamic loader sees it.
//! The loader maps a library's segments as its headers describe them; a
//! truncated file whose segments reach past its end is mapped anyway and
//! the first touch of a missing page kills the process (SIGBUS). Reading
//! the ELF headers first turns that, a library for another platform and a
//! file that is not a library at all into an ImportError with a clear
//! message.

use std::path::Path;

const ELF_MAGIC: &[u8; 4] = b"\x7fELF";
const ELFCLASS64: u8 = 2;
const ELFDATA2LSB: u8 = 1;
const ET_DYN: u16 = 3;
const PT_LOAD: u32 = 1;

/// `e_machine` of the platform this host runs on.
const HOST_MACHINE: u16 = if cfg!(target_arch = "x86_64") {
    62
} else if cfg!(target_arch = "aarch64") {
    183
} else if cfg!(target_arch = "riscv64") {
    243
} else {
    0
};

fn machine_name(machine: u16) -> String {
    match machine {
        3 => "x86".to_string(),
        8 => "MIPS".to_string(),
        20 => "PowerPC".to_string(),
        21 => "PowerPC 64".to_string(),
        40 => "ARM".to_string(),
        62 => "x86-64".to_string(),
        183 => "AArch64".to_string(),
        243 => "RISC-V".to_string(),
        other => format!("machine {other}"),
    }
}

/// Why the file at `path` cannot be a loadable library for this host, if
/// it cannot. Only ELF shared objects on little-endian 64-bit hosts are
/// checked; elsewhere the loader's own checks stand.
pub fn check(path: &Path) -> Result<(), String> {
    if !cfg!(all(target_os = "linux", target_pointer_width = "64", target_endian = "little")) || HOST_MACHINE == 0 {
        return Ok(());
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    check_bytes(&bytes)
}

fn check_bytes(bytes: &[u8]) -> Result<(), String> {
    if bytes.len() < 64 || &bytes[..4] != ELF_MAGIC {
        return Err("not a shared library (no ELF header)".to_string());
    }
    let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]);
    let u32_at = |at: usize| bytes.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
    let u64_at = |at: usize| {
        bytes.get(at..at + 8).map(|b| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
    };
    if bytes[4] != ELFCLASS64 || bytes[5] != ELFDATA2LSB {
        return Err("a library for another platform (not 64-bit little-endian ELF)".to_string());
    }
    let machine = u16_at(18);
    if machine != HOST_MACHINE {
        return Err(format!(
            "a library for another platform ({}; this host is {})",
            machine_name(machine),
            machine_name(HOST_MACHINE)
        ));
    }
    if u16_at(16) != ET_DYN {
        return Err("not a shared library (ELF file of another type)".to_string());
    }
    let corrupt = || "truncated or corrupt library (its headers reach past the end of the file)".to_string();
    let len = bytes.len() as u64;
    let ph_offset = u64_at(32).ok_or_else(corrupt)?;
    let sh_offset = u64_at(40).ok_or_else(corrupt)?;
    let (ph_size, ph_count) = (u16_at(54) as u64, u16_at(56) as u64);
    let (sh_size, sh_count) = (u16_at(58) as u64, u16_at(60) as u64);
    let ends_within = |offset: u64, size: u64| offset.checked_add(size).is_some_and(|end| end <= len);
    if ph_size < 56 || !ends_within(ph_offset, ph_size * ph_count) || !ends_within(sh_offset, sh_size * sh_count) {
        return Err(corrupt());
    }
    for i in 0..ph_count {
        let at = (ph_offset + i * ph_size) as usize;
        if u32_at(at) != Some(PT_LOAD) {
            continue;
        }
        let offset = u64_at(at + 8).ok_or_else(corrupt)?;
        let file_size = u64_at(at + 32).ok_or_else(corrupt)?;
        if !ends_within(offset, file_size) {
            return Err(corrupt());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An ELF header for a 64-bit little-endian shared object of `machine`
    /// with one PT_LOAD segment of `segment` bytes at offset 0.
    fn library(machine: u16, segment: u64, total: usize) -> Vec<u8> {
        let mut b = vec![0u8; total.max(120)];
        b[..4].copy_from_slice(ELF_MAGIC);
        b[4] = ELFCLASS64;
        b[5] = ELFDATA2LSB;
        b[6] = 1;
        b[16..18].copy_from_slice(&ET_DYN.to_le_bytes());
        b[18..20].copy_from_slice(&machine.to_le_bytes());
        b[32..40].copy_from_slice(&64u64.to_le_bytes());
        b[54..56].copy_from_slice(&56u16.to_le_bytes());
        b[56..58].copy_from_slice(&1u16.to_le_bytes());
        b[64..68].copy_from_slice(&PT_LOAD.to_le_bytes());
        b[96..104].copy_from_slice(&segment.to_le_bytes());
        b.truncate(total.max(120));
        b
    }

    #[test]
    fn accepts_a_well_formed_header() {
        assert_eq!(check_bytes(&library(HOST_MACHINE, 4096, 4096)), Ok(()));
    }

    #[test]
    fn refuses_what_the_loader_would_crash_on_or_misreport() {
        let other = if HOST_MACHINE == 183 { 62 } else { 183 };
        let err = check_bytes(&library(other, 4096, 4096)).unwrap_err();
        assert!(err.starts_with("a library for another platform ("), "{err}");
        let err = check_bytes(&library(HOST_MACHINE, 1 << 20, 4096)).unwrap_err();
        assert!(err.starts_with("truncated or corrupt library"), "{err}");
        assert_eq!(check_bytes(b"\x7fELF"), Err("not a shared library (no ELF header)".to_string()));
        assert_eq!(check_bytes(&[0u8; 200]), Err("not a shared library (no ELF header)".to_string()));
        let mut header_cut = library(HOST_MACHINE, 64, 4096);
        header_cut[56..58].copy_from_slice(&500u16.to_le_bytes());
        assert!(check_bytes(&header_cut).unwrap_err().starts_with("truncated or corrupt"));
    }
}
