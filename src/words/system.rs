//! Errors of the system (reading, writing, listening) in the reader's words.

use crate::base::lang::Lang;

/// An error of the system while reading or writing, in the reader's language for the causes
/// a council meets (a missing folder, no permission, a full or read-only disk); the system's
/// own words, which are in its language, for the others.
pub fn io(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let named = match e.kind() {
        K::NotFound => (
            "không có tệp hoặc thư mục này",
            "there is no such file or folder",
        ),
        K::PermissionDenied => ("hệ thống không cho phép", "the system does not permit it"),
        K::AlreadyExists => ("đã có", "it already exists"),
        K::StorageFull => ("ổ đĩa đã đầy", "the disk is full"),
        K::ReadOnlyFilesystem => ("ổ đĩa chỉ cho đọc", "the disk is read-only"),
        K::IsADirectory => ("đây là một thư mục", "it is a folder"),
        K::NotADirectory => (
            "một phần của đường dẫn không phải thư mục",
            "part of the path is not a folder",
        ),
        _ => return system(&e.to_string(), lang),
    };
    lang.pick(named.0, named.1).to_string()
}

/// An error the engine does not name, in the system's own words (in the system's language).
pub(crate) fn system(detail: &str, lang: Lang) -> String {
    format!(
        "{}: {detail}",
        lang.pick("lỗi của hệ thống", "an error of the system")
    )
}

#[cfg(test)]
mod tests {
    use super::io;
    use crate::base::lang::Lang;
    use std::io::{Error, ErrorKind};

    /// The causes a council meets are said in its language; the others keep the system's words.
    #[test]
    fn errors_of_the_system_in_the_readers_words() {
        let full = Error::from(ErrorKind::StorageFull);
        assert_eq!(io(&full, Lang::Vi), "ổ đĩa đã đầy");
        assert_eq!(io(&full, Lang::En), "the disk is full");
        let missing = std::fs::read("no/such/folder/file.toml").unwrap_err();
        assert_eq!(io(&missing, Lang::Vi), "không có tệp hoặc thư mục này");
        let odd = Error::other("the cable is unplugged");
        assert_eq!(
            io(&odd, Lang::Vi),
            "lỗi của hệ thống: the cable is unplugged"
        );
    }
}
