//! What the server says: at start on the terminal, and in the API's refusals. (Problems in
//! files are [`crate::words::problems`]'s.)

use rust_decimal::Decimal;

use crate::base::lang::Lang;
use crate::words::format;

/// The server is ready: the address to open, with the round it shows.
pub fn listening(url: &str, round: &str, lang: Lang) -> String {
    lang.pick(
        format!("cfc serve: đã nạp {round}. Mở {url} trong trình duyệt; Ctrl-C để dừng."),
        format!("cfc serve: loaded {round}. Open {url} in a browser; Ctrl-C to stop."),
    )
}

/// Off loopback: the token that every request needs, said once.
pub fn token_notice(token: &str, lang: Lang) -> String {
    lang.pick(
        format!("Mã truy cập (token): {token} — chương trình khác gửi kèm tiêu đề \"Authorization: Bearer {token}\"; trình duyệt mở địa chỉ trên một lần."),
        format!("Access token: {token} — other programs send the header \"Authorization: Bearer {token}\"; a browser opens the address above once."),
    )
}

/// A round reloaded because its files changed, or failed to.
pub fn reloaded(generation: u64, lang: Lang) -> String {
    lang.pick(
        format!("cfc serve: đã nạp lại đợt đánh giá (lần {generation})"),
        format!("cfc serve: reloaded the round (generation {generation})"),
    )
}

/// A reload failed: the round shown stays the previous one.
pub fn reload_failed(detail: &str, lang: Lang) -> String {
    lang.pick(
        format!("không nạp lại được đợt đánh giá, vẫn hiển thị bản trước: {detail}"),
        format!("the round could not be reloaded; the previous one is still shown: {detail}"),
    )
}

/// The results to compare against cannot be read.
pub fn compare_unreadable(path: &str, detail: &str, lang: Lang) -> String {
    lang.pick(
        format!("{path}: không đọc được kết quả để so sánh: {detail}"),
        format!("{path}: cannot read the results to compare against: {detail}"),
    )
}

/// The address cannot be listened on.
pub fn cannot_listen(addr: &str, source: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let why = match source.kind() {
        K::AddrInUse => lang
            .pick(
                "một chương trình khác (có thể là một cfc serve khác) đang dùng cổng này; hãy \
                 dừng nó hoặc chọn cổng khác với --listen",
                "another program (perhaps another cfc serve) is using it; stop it or choose \
                 another port with --listen",
            )
            .to_string(),
        K::AddrNotAvailable => lang
            .pick(
                "máy này không có địa chỉ đó",
                "this machine does not have that address",
            )
            .to_string(),
        K::PermissionDenied => lang
            .pick(
                "hệ thống không cho phép (các cổng dưới 1024 cần quyền quản trị); hãy chọn cổng \
                 khác với --listen",
                "the system does not permit it (ports below 1024 need an administrator); choose \
                 another port with --listen",
            )
            .to_string(),
        _ => super::errors::io(source, lang),
    };
    lang.pick(
        format!("không mở được cổng {addr}: {why}"),
        format!("cannot listen on {addr}: {why}"),
    )
}

/// The system gave no randomness to make a token.
pub fn no_randomness(detail: &str, lang: Lang) -> String {
    lang.pick(
        format!("không tạo được mã truy cập (hệ thống không cho số ngẫu nhiên): {detail}; hãy cho --token"),
        format!("cannot make an access token (the system gave no randomness): {detail}; give --token"),
    )
}

/// The server's runtime failed.
pub fn runtime_failed(detail: &str, lang: Lang) -> String {
    lang.pick(
        format!("máy chủ dừng vì lỗi: {detail}"),
        format!("the server stopped on an error: {detail}"),
    )
}

/// A request without the token.
pub fn unauthorized(lang: Lang) -> String {
    lang.pick(
        "Cần mã truy cập: mở địa chỉ có ?token=… mà cfc serve đã in, hoặc gửi tiêu đề Authorization: Bearer ….".to_string(),
        "An access token is needed: open the address with ?token=… that cfc serve printed, or send the header Authorization: Bearer ….".to_string(),
    )
}

/// A request naming a host that is not this machine, while the server has no token.
pub fn foreign_host(host: &str, lang: Lang) -> String {
    lang.pick(
        format!("Máy chủ chỉ phục vụ địa chỉ của máy này (localhost, 127.0.0.1), không phục vụ \"{host}\"."),
        format!("This server answers only this machine's addresses (localhost, 127.0.0.1), not \"{host}\"."),
    )
}

/// A change asked by a page of another site.
pub fn cross_origin(lang: Lang) -> String {
    lang.pick(
        "Yêu cầu thay đổi dữ liệu phải đến từ chính trang của cfc serve.".to_string(),
        "A request that changes data must come from cfc serve's own pages.".to_string(),
    )
}

/// A body past its limit.
pub fn too_large(limit: usize, lang: Lang) -> String {
    let n = format::number(Decimal::from(limit), lang);
    lang.pick(
        format!("Nội dung gửi quá lớn: tối đa {n} byte."),
        format!("The body is too large: at most {n} bytes."),
    )
}

/// A body that could not be read to its end.
pub fn body_unreadable(lang: Lang) -> String {
    lang.pick(
        "Không đọc được nội dung gửi.".to_string(),
        "The body could not be read.".to_string(),
    )
}

/// A request that took longer than allowed.
pub fn timed_out(lang: Lang) -> String {
    lang.pick(
        "Yêu cầu quá thời gian cho phép.".to_string(),
        "The request took longer than allowed.".to_string(),
    )
}

/// Evidence sent in a format the API does not read.
pub fn unsupported_type(found: &str, lang: Lang) -> String {
    lang.pick(
        format!("Kiểu nội dung \"{found}\" không được nhận: gửi số liệu dạng application/toml (hoặc text/plain) hay application/json."),
        format!("Content type \"{found}\" is not accepted: send evidence as application/toml (or text/plain) or application/json."),
    )
}

/// Evidence with problems: they are listed with the answer.
pub fn invalid_evidence(problems: usize, lang: Lang) -> String {
    let n = format::number(Decimal::from(problems), lang);
    lang.pick(
        format!("Số liệu không hợp lệ: {n} lỗi, xem danh sách."),
        format!("The evidence is invalid: {n} problem(s), listed."),
    )
}

/// A unit code the loaded round does not have (or whose file has errors).
pub fn no_such_unit(code: &str, lang: Lang) -> String {
    lang.pick(
        format!("Đợt đánh giá không có kết quả của đơn vị {code} (không có tệp, hoặc tệp có lỗi)."),
        format!("The round has no result for unit {code} (no file, or its file has errors)."),
    )
}

/// A path under `/api` that is not a route.
pub fn no_such_route(path: &str, lang: Lang) -> String {
    lang.pick(
        format!("Không có {path} trong API."),
        format!("The API has no {path}."),
    )
}

/// `?lang=` names a language the server does not speak.
pub fn unknown_lang(found: &str, lang: Lang) -> String {
    lang.pick(
        format!(
            "Tham số lang=\"{found}\" không hợp lệ: chỉ nhận vi (Tiếng Việt) hoặc en (English)."
        ),
        format!(
            "The parameter lang=\"{found}\" is not valid: only vi (Tiếng Việt) or en (English)."
        ),
    )
}

/// A route of the API asked with a method it does not take.
pub fn method_not_allowed(method: &str, path: &str, lang: Lang) -> String {
    lang.pick(
        format!("{path} không nhận phương thức {method}: xem tiêu đề Allow."),
        format!("{path} does not take the method {method}: see the Allow header."),
    )
}
