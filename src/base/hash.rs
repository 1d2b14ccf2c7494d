//! SHA-256 of the files behind a result, for provenance and verification.

use sha2::{Digest, Sha256};

/// Lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hex of some bytes, two digits a byte. Every file a round reads is hashed, so
/// this writes into one string rather than formatting a string for each byte.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// A writer that hashes what passes through it: a document hashed as it is written, never
/// held whole to be hashed.
// Only the output folder (`pdf` and `xlsx`) writes documents this way.
#[cfg_attr(not(all(feature = "pdf", feature = "xlsx")), allow(dead_code))]
pub struct HashingWriter<W> {
    inner: W,
    hasher: Sha256,
}

#[cfg_attr(not(all(feature = "pdf", feature = "xlsx")), allow(dead_code))]
impl<W: std::io::Write> HashingWriter<W> {
    /// Hashes what is written to `inner`.
    pub fn new(inner: W) -> Self {
        HashingWriter {
            inner,
            hasher: Sha256::new(),
        }
    }

    /// The writer, and the lower-case hex SHA-256 of everything written to it.
    pub fn finish(self) -> (W, String) {
        let digest = self.hasher.finalize();
        (self.inner, hex(&digest))
    }
}

impl<W: std::io::Write> std::io::Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_hashing_writer_hashes_what_it_wrote() {
        use std::io::Write;
        let mut w = super::HashingWriter::new(Vec::new());
        w.write_all(b"a").unwrap();
        w.write_all(b"bc").unwrap();
        let (bytes, hex) = w.finish();
        assert_eq!(bytes, b"abc");
        assert_eq!(hex, super::sha256_hex(b"abc"));
    }

    #[test]
    fn hex_writes_every_byte_as_two_lower_case_digits() {
        let every: Vec<u8> = (0..=255).collect();
        let expected: String = every.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(super::hex(&every), expected);
        assert_eq!(super::hex(&[]), "");
    }

    #[test]
    fn the_standard_test_vector() {
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
