//! The command line's help, in the reader's language: one table of every command, argument,
//! value and of the words clap itself prints (headings, the help and version flags, its
//! errors). Each command and argument is a variant, and each variant's words are one match
//! arm with both languages: a command or argument without its words does not compile.
//!
//! A new command adds a [`Cmd`] and its [`Arg`]s here, then names them in `cli/mod.rs`.

use crate::base::lang::Lang;

/// A command of `cfc` (and `cfc` itself), for its help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cmd {
    Cfc,
    Evaluate,
    Explain,
    Diff,
    Sets,
    Verify,
    Whatif,
    Dossier,
    Check,
    Template,
    NewRound,
    Serve,
    Import,
    Completions,
    Man,
    Help,
}

/// The one line a command's help starts with (and the list of commands shows).
pub(crate) fn about(cmd: Cmd, lang: Lang) -> &'static str {
    match cmd {
        Cmd::Cfc => lang.pick(
            "Đánh giá, công nhận đơn vị cấp xã theo bộ tiêu chí",
            "Child-friendly commune evaluation: score and decide every unit against a criteria set",
        ),
        Cmd::Evaluate => lang.pick(
            "Chấm điểm và kết luận mọi đơn vị của một thư mục đợt đánh giá.",
            "Score and decide every unit of a round folder.",
        ),
        Cmd::Explain => lang.pick(
            "Vì sao một đơn vị có kết quả đó? Giải trình theo từng quy tắc.",
            "Why did a unit get its result? An account rule by rule.",
        ),
        Cmd::Diff => lang.pick(
            "Những gì thay đổi giữa hai kết quả (hai năm, hoặc hai bộ tiêu chí).",
            "What changed between two results (two years, or two criteria sets).",
        ),
        Cmd::Sets => lang.pick(
            "Liệt kê các bộ tiêu chí và chính sách có sẵn trong cfc, mà round.toml gọi theo mã.",
            "List the criteria sets and policies shipped inside cfc, which round.toml names by id.",
        ),
        Cmd::Verify => lang.pick(
            "Kết quả này còn đúng không? Dựng lại một thư mục kết quả của evaluate --out và đối chiếu.",
            "Do these results still stand? Re-derives an output folder of evaluate --out.",
        ),
        Cmd::Whatif => lang.pick(
            "Cần gì để được công nhận? Thay đổi số liệu nhỏ nhất giúp một đơn vị được công nhận.",
            "What would it take? The smallest change of evidence that makes a unit recognised.",
        ),
        Cmd::Dossier => lang.pick(
            "Ghi hồ sơ PDF đề nghị công nhận của một đơn vị trong đợt.",
            "Write the PDF decision dossier of one unit of a round.",
        ),
        Cmd::Check => lang.pick(
            "Kiểm tra một thư mục đợt đánh giá (hoặc riêng bộ tiêu chí và chính sách), không chấm điểm.",
            "Check a round folder (or a criteria set and policy alone) without scoring.",
        ),
        Cmd::Template => lang.pick(
            "In một tệp số liệu để điền: mọi số liệu đầu vào của bộ tiêu chí, kèm tên và ràng buộc dưới dạng chú thích.",
            "Print an evidence file to fill in: every input of the criteria set, with its label and its constraints as comments.",
        ),
        Cmd::NewRound => lang.pick(
            "Mở một đợt từ năm 2025 trở đi cho một tỉnh, theo danh mục đơn vị hành chính chính thức.",
            "Start a round of 2025 or later for one province from the official list of units.",
        ),
        Cmd::Serve => lang.pick(
            "Màn hình của hội đồng và API HTTP: ứng dụng web trên máy này, trên một thư mục đợt đánh giá.",
            "The council's screen and the HTTP API: a local web app over a round folder.",
        ),
        Cmd::Import => lang.pick(
            "Đọc các sổ tính đã điền (từ cfc template --xlsx) thành các tệp số liệu.",
            "Read filled workbooks (from cfc template --xlsx) into evidence files.",
        ),
        Cmd::Completions => lang.pick(
            "In tập lệnh gợi ý bằng phím Tab cho trình shell.",
            "Print the shell's completion script.",
        ),
        Cmd::Man => lang.pick(
            "In trang hướng dẫn (man) của cfc hoặc của một lệnh.",
            "Print the manual page of cfc, or of one command.",
        ),
        Cmd::Help => lang.pick(
            "In trợ giúp của cfc hoặc của một lệnh.",
            "Print the help of cfc, or of one command.",
        ),
    }
}

/// What a command's full help (`--help`) says after its first line; empty when nothing.
pub(crate) fn details(cmd: Cmd, lang: Lang) -> &'static str {
    match cmd {
        Cmd::Cfc => lang.pick(
            "Một đợt đánh giá là một thư mục gồm round.toml (thiết lập của đợt: năm, bộ tiêu chí, \
chính sách địa phương, cơ quan công nhận) và mỗi đơn vị cấp xã một tệp số liệu. cfc kiểm tra \
từng tệp, chấm điểm từng đơn vị theo bộ tiêu chí, áp dụng các điều kiện công nhận của bộ tiêu \
chí và các điều kiện loại trừ của địa phương rồi kết luận, kèm lý do của từng điểm.\n\n\
Thư ký hội đồng thường dùng:\n  \
cfc check fixtures/son-ha-2024            # các tệp đã đúng chưa?\n  \
cfc evaluate fixtures/son-ha-2024         # bảng kết quả\n  \
cfc evaluate fixtures/son-ha-2024 --out reports/son-ha-2024\n  \
cfc template --criteria qd-06-2019 > new-unit.toml\n  \
cfc explain fixtures/son-ha-2024 21238    # vì sao Sơn Thượng không được công nhận?\n  \
cfc whatif fixtures/son-ha-2024 21211     # Sơn Nham cần thêm gì?\n  \
cfc verify reports/son-ha-2024            # kết quả này còn đúng không?\n\n\
Mã thoát: 0 mọi đơn vị đã được đánh giá; 1 có tệp số liệu bị lỗi (các đơn vị khác vẫn được \
đánh giá); 2 lệnh sai, hoặc round.toml, bộ tiêu chí hay chính sách có lỗi, hoặc không ghi được \
thư mục kết quả; 3 đầu ra chuẩn bị đóng hoặc đầy.\n\n\
Tiếng Anh: --lang en, hoặc biến môi trường CFC_LANG=en.",
            "A round is a folder holding round.toml (the round's settings: year, criteria set, local \
policy, authority) and one evidence file per commune-level unit. cfc checks every file, scores \
every unit against the criteria set, applies the set's conditions of recognition and the local \
disqualifiers and decides, with the reason for every point.\n\n\
Typical use by the council's clerk:\n  \
cfc check fixtures/son-ha-2024            # are all the files right?\n  \
cfc evaluate fixtures/son-ha-2024         # the results table\n  \
cfc evaluate fixtures/son-ha-2024 --out reports/son-ha-2024\n  \
cfc template --criteria qd-06-2019 > new-unit.toml\n  \
cfc explain fixtures/son-ha-2024 21238    # why was Sơn Thượng refused?\n  \
cfc whatif fixtures/son-ha-2024 21211     # what would Sơn Nham need?\n  \
cfc verify reports/son-ha-2024            # do these results still stand?\n\n\
Exit codes: 0 every unit evaluated; 1 some evidence file has errors (the others are still \
evaluated); 2 wrong command, or an error in round.toml, the criteria set or the policy, or the \
output folder could not be written; 3 standard output was closed or full.\n\n\
Vietnamese (the default): --lang vi, or the environment variable CFC_LANG=vi.",
        ),
        Cmd::Evaluate => lang.pick(
            "In kết quả ra đầu ra chuẩn (mặc định là bảng) và mọi lỗi của mọi tệp ra đầu ra lỗi, \
dạng tệp:dòng:cột: nội dung. Đơn vị có tệp lỗi bị bỏ qua; mọi đơn vị khác vẫn được đánh giá.",
            "Prints the results on standard output (a table by default) and every problem of every \
file on standard error as file:line:column: message. A unit whose file has errors is skipped; \
every other unit is still evaluated.",
        ),
        Cmd::Explain => lang.pick(
            "Mọi tiêu chí và chỉ tiêu với căn cứ pháp lý của quy tắc, số liệu, tỷ lệ chính xác và \
tỷ lệ hiển thị, mức đạt, quy tắc có tạm thời hay không, mọi điều kiện không đạt và mọi điều kiện \
loại trừ cùng các sự việc.",
            "Every criterion and indicator with the legal reference of its rule, the evidence, the \
exact and displayed rate, the step reached, whether the rule is provisional, every failing \
condition and every disqualifier with its incidents.",
        ),
        Cmd::Diff => lang.pick(
            "Với mỗi đơn vị: tổng điểm và kết luận trước và sau, các tiêu chí thay đổi, các đơn vị \
đổi kết luận, và phần tóm tắt.\n\n\
Mỗi bên là một results.json, một thư mục chứa tệp đó (do evaluate --out ghi), hoặc một thư mục \
đợt đánh giá (được đánh giá ngay): hai năm của cùng các đơn vị, hoặc một đợt theo hai bộ tiêu chí.",
            "Per unit the total and decision before and after, the criteria that moved, the units \
that flipped, and a summary.\n\n\
Each side is a results.json, a folder holding one (written by evaluate --out), or a round folder \
(evaluated now): two years of the same units, or one round under two criteria sets.",
        ),
        Cmd::Sets => lang.pick(
            "Một đợt có round.toml ghi criteria = \"qd-06-2019\" (và policy = \"son-ha-2024\") không \
cần tệp quy tắc nào bên cạnh: thư mục của đợt mở được ở bất cứ đâu. Các tùy chọn --criteria và \
--policy của các lệnh khác cũng nhận các mã này.",
            "A round whose round.toml writes criteria = \"qd-06-2019\" (and policy = \"son-ha-2024\") \
needs no rule file beside it: its folder opens anywhere. The --criteria and --policy options of \
the other commands take these ids too.",
        ),
        Cmd::Verify => lang.pick(
            "Chỉ đọc thư mục đó: nó mang một bản sao của mọi đầu vào (inputs/) và manifest.json, \
SHA-256 của từng tệp. Kiểm tra từng tệp, đánh giá lại các bản sao và so sánh từng kết quả, tệp CSV, \
sổ tính và các tệp PDF. Chạy được từ bất cứ thư mục nào, sau khi thư mục được chuyển, sao chép \
hay nén zip, kể cả khi đợt gốc đã bị xóa. Mã thoát 0 chỉ khi mọi thứ khớp.",
            "Reads only the folder: it carries a copy of every input (inputs/) and manifest.json, the \
SHA-256 of every file. Checks every file, evaluates the copies again and compares every result, \
the CSV, the workbook and the PDFs. Works from any folder, after the folder is moved, copied or \
zipped, with the round deleted. Exit 0 only when everything matches.",
        ),
        Cmd::Whatif => lang.pick(
            "Tìm trên các số liệu mà bộ tiêu chí cho là hội đồng có thể cải thiện (theo chiều có \
lợi), đánh giá lại từng phương án. Điều kiện loại trừ và sự việc là thực tế của năm: khi có \
điều kiện loại trừ, cho biết năm nay không thể công nhận, và vẫn cho biết điểm số cần gì.",
            "Searches the criteria set's levers (inputs a council can act on, in the direction that \
helps), re-evaluating candidates. Disqualifiers and incidents are facts of the year: when one \
holds, says that recognition is impossible this round, and still what the score needs.",
        ),
        Cmd::Dossier => lang.pick(
            "Cùng tài liệu mà evaluate --out ghi cho mỗi đơn vị: bảng điểm với số liệu của từng chỉ \
tiêu, sổ theo dõi sự việc, các điều kiện loại trừ của địa phương, kết luận với mọi lý do, mã băm \
nguồn gốc và phần chữ ký.",
            "The same document evaluate --out writes for every unit: the score table with the \
evidence of every indicator, the incident register, the local disqualifiers, the conclusion with \
every reason, provenance hashes and the signature block.",
        ),
        Cmd::Check => lang.pick(
            "Liệt kê mọi lỗi của mọi tệp và các quy tắc tạm thời mà bộ tiêu chí dùng.",
            "Lists every problem of every file and the provisional rules the criteria set uses.",
        ),
        Cmd::NewRound => lang.pick(
            "Ghi round.toml và mỗi đơn vị một tệp số liệu khung (<mã>-<tên>.toml), hoặc với --xlsx \
là sổ tính của đợt. Tệp đã có được giữ nguyên, không bao giờ bị thay thế.",
            "Writes round.toml and one evidence skeleton per unit (<code>-<name>.toml), or with \
--xlsx the round workbook. Existing files are kept, never replaced.",
        ),
        Cmd::Serve => lang.pick(
            "In địa chỉ cần mở. Nghe tại 127.0.0.1:8080 trừ khi --listen chỉ định khác; ở mọi địa \
chỉ khác máy này, mỗi yêu cầu cần mã truy cập (--token, CFC_TOKEN, hoặc một mã được tạo và in \
ra). Đợt được nạp lại khi các tệp thay đổi. Ctrl-C để dừng.",
            "Prints the address to open. Listens on 127.0.0.1:8080 unless --listen says otherwise; \
anywhere but loopback every request needs a token (--token, CFC_TOKEN, or one made and printed). \
The round is reloaded when its files change. Ctrl-C stops it.",
        ),
        Cmd::Import => lang.pick(
            "Lỗi được báo theo dạng tệp.xlsx › trang tính › ô: nội dung, tất cả cùng lúc. Sổ tính có \
lỗi không ghi gì; các sổ tính khác vẫn được nhập. Mỗi đơn vị được ghi thành <mã>-<tên>.toml \
(21202-di-lang.toml); không tệp nào bị thay thế nếu không có --force.",
            "Problems are reported as file.xlsx › sheet › cell: message, all at once. Nothing is \
written for a workbook with errors; the other workbooks are still imported. Each unit is \
written as <code>-<name>.toml (21202-di-lang.toml); no file is replaced without --force.",
        ),
        Cmd::Completions => lang.pick(
            "Bash: cfc completions bash > ~/.local/share/bash-completion/completions/cfc\n\
Zsh: cfc completions zsh > ~/.zfunc/_cfc (thư mục nằm trong fpath)\n\
Fish: cfc completions fish > ~/.config/fish/completions/cfc.fish\n\
PowerShell: cfc completions powershell >> $PROFILE\n\n\
Mô tả trong các gợi ý theo ngôn ngữ của --lang.",
            "Bash: cfc completions bash > ~/.local/share/bash-completion/completions/cfc\n\
Zsh: cfc completions zsh > ~/.zfunc/_cfc (a folder in fpath)\n\
Fish: cfc completions fish > ~/.config/fish/completions/cfc.fish\n\
PowerShell: cfc completions powershell >> $PROFILE\n\n\
The descriptions in the completions are in the language of --lang.",
        ),
        Cmd::Man => lang.pick(
            "Định dạng roff: đọc bằng man -l <(cfc man), cài bằng cfc man > cfc.1. cfc man evaluate \
in trang của lệnh evaluate (cfc-evaluate).",
            "In roff: read it with man -l <(cfc man), install it with cfc man > cfc.1. cfc man \
evaluate prints the page of the evaluate command (cfc-evaluate).",
        ),
        Cmd::Template | Cmd::Help => "",
    }
}

/// An argument of a command (or one all commands take), for its help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Arg {
    Lang,
    Help,
    Version,
    OutsideEffect,
    EvaluateRound,
    EvaluateFormat,
    EvaluateOut,
    ExplainRound,
    ExplainCode,
    ExplainFormat,
    DiffOld,
    DiffNew,
    DiffFormat,
    VerifyDir,
    WhatifRound,
    WhatifCode,
    WhatifFormat,
    DossierRound,
    DossierCode,
    DossierOut,
    CheckRound,
    CheckCriteria,
    CheckPolicy,
    CheckDenyWarnings,
    TemplateCriteria,
    TemplateYear,
    TemplateXlsx,
    TemplateRound,
    TemplateFrom,
    TemplateUnit,
    TemplateOutsideEffect,
    TemplateForce,
    NewRoundProvince,
    NewRoundYear,
    NewRoundCriteria,
    NewRoundPolicy,
    NewRoundOut,
    NewRoundXlsx,
    ServeRound,
    ServeListen,
    ServeOut,
    ServeCompare,
    ServeToken,
    ServeOpenapi,
    ImportFiles,
    ImportOut,
    ImportCriteria,
    ImportYear,
    ImportRoundToml,
    ImportForce,
    CompletionsShell,
    ManCommand,
    HelpCommand,
}

/// What an argument is for.
pub(crate) fn arg(arg: Arg, lang: Lang) -> &'static str {
    let round = lang.pick("Thư mục đợt đánh giá.", "The round folder.");
    let code = lang.pick(
        "Mã hành chính của đơn vị.",
        "The unit's administrative code.",
    );
    let criteria = lang.pick(
        "Bộ tiêu chí: mã của một bộ có sẵn trong cfc (cfc sets) hoặc một tệp; với new-round, \
một tệp được sao vào rules/ của đợt (round.toml không bao giờ ghi đường dẫn ra ngoài thư mục).",
        "The criteria set: the id of a set shipped with cfc (cfc sets) or a file; with new-round, \
a file is copied into the round's rules/ (round.toml never names a path outside the folder).",
    );
    match arg {
        Arg::Lang => lang.pick(
            "Ngôn ngữ của mọi thứ cfc viết cho người đọc: bảng, từ ngữ trong CSV và sổ tính, giải \
trình, hồ sơ, thông báo và trợ giúp này (vi: Tiếng Việt, en: English). results.json giống nhau ở \
cả hai.",
            "Language of everything cfc writes for people: tables, CSV and workbook words, \
explanations, dossiers, messages and this help (vi: Tiếng Việt, en: English). results.json is \
the same in both.",
        ),
        Arg::Help => lang.pick(
            "In trợ giúp (-h: tóm tắt, --help: đầy đủ).",
            "Print help (-h: a summary, --help: in full).",
        ),
        Arg::Version => lang.pick("In phiên bản.", "Print the version."),
        Arg::OutsideEffect => lang.pick(
            "Vẫn đánh giá đợt dù năm của đợt nằm ngoài thời gian hiệu lực của bộ tiêu chí \
(effective đến until); mọi kết quả khi đó đều ghi chú điều này. Không có cờ này, đợt như vậy \
bị từ chối.",
            "Evaluate the round even though its year lies outside the criteria set's period in \
force (effective to until); every output then carries the notice. Without it such a round is \
refused.",
        ),
        Arg::EvaluateRound => lang.pick(
            "Thư mục đợt đánh giá (chứa round.toml và mỗi đơn vị một tệp số liệu .toml).",
            "The round folder (holding round.toml and one .toml evidence file per unit).",
        ),
        Arg::EvaluateFormat => lang.pick("In gì ra đầu ra chuẩn.", "What to print on standard output."),
        Arg::EvaluateOut => lang.pick(
            "Ghi thêm results.json, results.csv, results.xlsx và các hồ sơ PDF vào thư mục này \
(tạo nếu chưa có).",
            "Also write results.json, results.csv, results.xlsx and the PDF dossiers into this \
folder (created if needed).",
        ),
        Arg::ExplainRound | Arg::WhatifRound | Arg::DossierRound | Arg::ServeRound => round,
        Arg::ExplainCode | Arg::WhatifCode => code,
        Arg::ExplainFormat => lang.pick(
            "table (bảng chữ), hoặc json: cùng nội dung dưới dạng dữ liệu.",
            "table (text), or json: the same as data.",
        ),
        Arg::DiffOld => lang.pick("Kết quả cũ hơn.", "The older results."),
        Arg::DiffNew => lang.pick("Kết quả mới hơn.", "The newer results."),
        Arg::DiffFormat => lang.pick("table hoặc json.", "table or json."),
        Arg::VerifyDir => lang.pick(
            "Thư mục kết quả (chứa results.json và manifest.json), hoặc tệp .zip của nó.",
            "The output folder (holding results.json and manifest.json), or a .zip of it.",
        ),
        Arg::WhatifFormat => lang.pick(
            "table (bảng chữ), hoặc json: {\"code\", \"achievable\", \"changes\": [{\"input\", \
\"from\", \"to\"}], \"blocking\", \"total_after\"}.",
            "table (text), or json: {\"code\", \"achievable\", \"changes\": [{\"input\", \"from\", \
\"to\"}], \"blocking\", \"total_after\"}.",
        ),
        Arg::DossierCode => lang.pick(
            "Mã hành chính của đơn vị, ví dụ 21238.",
            "The unit's administrative code, e.g. 21238.",
        ),
        Arg::DossierOut => lang.pick(
            "Nơi ghi tệp PDF (mặc định: <mã>-<tên>.pdf trong thư mục hiện tại).",
            "Where to write the PDF (default: <code>-<name>.pdf in the current folder).",
        ),
        Arg::CheckRound => lang.pick(
            "Thư mục đợt đánh giá cần kiểm tra.",
            "The round folder to check.",
        ),
        Arg::CheckCriteria => lang.pick(
            "Kiểm tra bộ tiêu chí này thay cho một đợt: mã của một bộ có sẵn (cfc sets) hoặc một tệp.",
            "Check this criteria set instead of a round: the id of a shipped set (cfc sets) or a file.",
        ),
        Arg::CheckPolicy => lang.pick(
            "Cùng --criteria: kiểm tra thêm chính sách này theo bộ tiêu chí đó (mã có sẵn hoặc tệp).",
            "With --criteria: also check this policy against it (a shipped id or a file).",
        ),
        Arg::CheckDenyWarnings => lang.pick(
            "Coi các cảnh báo của phần phân tích quy tắc (quy tắc có thể không đúng ý người soạn) \
là lỗi: mã thoát 2 khi có bất kỳ cảnh báo nào.",
            "Treat the warnings of the analysis of the rules (rules that may not be what their \
author meant) as errors: exit code 2 when there is any.",
        ),
        Arg::TemplateCriteria | Arg::NewRoundCriteria => criteria,
        Arg::TemplateYear => lang.pick(
            "Năm của kỳ đánh giá (mặc định: năm hiện tại).",
            "The year of the period (default: the current year).",
        ),
        Arg::TemplateXlsx => lang.pick(
            "Ghi một sổ tính để điền (Excel, LibreOffice) thay vì in TOML.",
            "Write a workbook to fill in (Excel, LibreOffice) instead of printing TOML.",
        ),
        Arg::TemplateRound => lang.pick(
            "Cùng --xlsx: một trang tính, mỗi đơn vị một dòng, như phòng cấp huyện tổng hợp.",
            "With --xlsx: one sheet with a row per unit, as a district office compiles them.",
        ),
        Arg::TemplateFrom => lang.pick(
            "Cùng --xlsx: điền sẵn từ thư mục đợt này (số liệu năm trước làm điểm xuất phát). \
Không có --round thì mỗi đơn vị một sổ tính, ghi vào thư mục mà --xlsx chỉ định, trừ khi --unit \
chọn một đơn vị.",
            "With --xlsx: pre-fill from this round folder (last year's values as the start). \
Without --round, one workbook per unit is written into the folder --xlsx names, unless --unit \
picks one.",
        ),
        Arg::TemplateUnit => lang.pick(
            "Cùng --from: mã của đơn vị duy nhất cần điền sẵn.",
            "With --from: the code of the one unit to pre-fill.",
        ),
        Arg::TemplateOutsideEffect => lang.pick(
            "Cùng --from: vẫn mở đợt đó dù năm của đợt nằm ngoài thời gian hiệu lực của bộ tiêu chí.",
            "With --from: open that round even though its year lies outside its criteria set's \
period in force.",
        ),
        Arg::TemplateForce => lang.pick(
            "Cùng --xlsx: thay các sổ tính đã có.",
            "With --xlsx: replace workbooks that already exist.",
        ),
        Arg::NewRoundProvince => lang.pick(
            "Mã tỉnh trong danh mục chính thức, ví dụ 51 (Tỉnh Quảng Ngãi).",
            "The province's code in the official list, e.g. 51 (Tỉnh Quảng Ngãi).",
        ),
        Arg::NewRoundYear => lang.pick(
            "Năm đánh giá (từ 2025 trở đi).",
            "The year evaluated (2025 or later).",
        ),
        Arg::NewRoundPolicy => lang.pick(
            "Chính sách của địa phương, nếu có: mã có sẵn hoặc một tệp (được sao vào thư mục như trên).",
            "The local policy, if any: a shipped id or a file (copied likewise).",
        ),
        Arg::NewRoundOut => lang.pick(
            "Thư mục đợt cần ghi (tạo nếu chưa có).",
            "The round folder to write (created if needed).",
        ),
        Arg::NewRoundXlsx => lang.pick(
            "Ghi sổ tính của đợt (mỗi đơn vị một dòng) thay vì các tệp TOML.",
            "Write the round workbook (one row per unit) instead of TOML files.",
        ),
        Arg::ServeListen => lang.pick(
            "Địa chỉ để nghe (127.0.0.1:0 chọn một cổng còn trống).",
            "The address to listen on (127.0.0.1:0 picks a free port).",
        ),
        Arg::ServeOut => lang.pick(
            "Ghi thêm thư mục kết quả (như evaluate --out) mỗi lần nạp, và phục vụ các tệp PDF \
trong đó.",
            "Also write the output folder (as evaluate --out) at every load, and serve its PDFs.",
        ),
        Arg::ServeCompare => lang.pick(
            "Một thư mục đợt khác hoặc một results.json (của năm trước) để so sánh.",
            "Another round folder or a results.json (last year's) to compare against.",
        ),
        Arg::ServeToken => lang.pick(
            "Mã truy cập mà mọi yêu cầu phải mang (mặc định: CFC_TOKEN; ở địa chỉ khác máy này, \
một mã được tạo khi không có cả hai).",
            "The access token every request must carry (default: CFC_TOKEN; off loopback, one is \
made when neither is given).",
        ),
        Arg::ServeOpenapi => lang.pick(
            "In tài liệu OpenAPI của API cho đợt này (nội dung /api/openapi.json trả về) rồi dừng, \
không mở cổng.",
            "Print the API's OpenAPI document for this round (what /api/openapi.json answers) and \
stop, without listening.",
        ),
        Arg::ImportFiles => lang.pick("Các sổ tính đã điền.", "The filled workbooks."),
        Arg::ImportOut => lang.pick(
            "Thư mục đợt để ghi các tệp số liệu (tạo nếu chưa có).",
            "The round folder to write the evidence files into (created if needed).",
        ),
        Arg::ImportCriteria => lang.pick(
            "Bộ tiêu chí: mã có sẵn hoặc một tệp (mặc định: bộ mà round.toml của thư mục đợt chỉ định).",
            "The criteria set: a shipped id or a file (default: the one the round folder's round.toml names).",
        ),
        Arg::ImportYear => lang.pick(
            "Năm của đợt, mọi kỳ đánh giá phải thuộc năm đó (mặc định: theo round.toml hoặc sổ tính).",
            "The round's year every period must lie in (default: from round.toml or the workbook).",
        ),
        Arg::ImportRoundToml => lang.pick(
            "Ghi thêm round.toml từ trang tính \"Thông tin\" của sổ tính đợt, gọi bộ quy tắc theo mã \
có sẵn hoặc một đường dẫn trong thư mục đợt (bộ không có sẵn được sao vào đó).",
            "Also write round.toml from a round workbook's \"Thông tin\" sheet, naming its rules by a \
shipped id or a path inside the round folder (a set that is not shipped is copied into it).",
        ),
        Arg::ImportForce => lang.pick(
            "Thay các tệp của cùng đơn vị (và round.toml) đã có trong thư mục đợt; không có cờ \
này, tệp đã có không bao giờ bị thay thế.",
            "Replace the files of the same units (and round.toml) that already exist in the round \
folder; without it, an existing file is never replaced.",
        ),
        Arg::CompletionsShell => lang.pick("Trình shell.", "The shell."),
        Arg::ManCommand => lang.pick(
            "Lệnh cần in trang hướng dẫn (mặc định: chính cfc).",
            "The command whose page to print (default: cfc itself).",
        ),
        Arg::HelpCommand => lang.pick(
            "Lệnh cần xem trợ giúp (mặc định: chính cfc).",
            "The command whose help to print (default: cfc itself).",
        ),
    }
}

/// What an argument's value is, as usage lines and errors name it (`<THƯ_MỤC_ĐỢT>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    Round,
    Code,
    Dir,
    File,
    Old,
    New,
    Workbook,
    Workbooks,
    RoundDir,
    Year,
    Addr,
    Path,
    Token,
    Format,
    Lang,
    Shell,
    Command,
    Set,
}

/// The name of an argument's value.
pub(crate) fn value(value: Value, lang: Lang) -> &'static str {
    match value {
        Value::Round | Value::RoundDir => lang.pick("THƯ_MỤC_ĐỢT", "ROUND_DIR"),
        Value::Code => lang.pick("MÃ", "CODE"),
        Value::Dir => lang.pick("THƯ_MỤC", "DIR"),
        Value::File => lang.pick("TỆP", "FILE"),
        Value::Old => lang.pick("CŨ", "OLD"),
        Value::New => lang.pick("MỚI", "NEW"),
        Value::Workbook => lang.pick("TỆP.xlsx", "OUT.xlsx"),
        Value::Workbooks => lang.pick("TỆP.xlsx", "FILE.xlsx"),
        Value::Year => lang.pick("NĂM", "YEAR"),
        Value::Addr => lang.pick("ĐỊA_CHỈ", "ADDR"),
        Value::Path => lang.pick("ĐƯỜNG_DẪN", "PATH"),
        Value::Token => lang.pick("MÃ_TRUY_CẬP", "TOKEN"),
        Value::Format => lang.pick("DẠNG", "FORMAT"),
        Value::Lang => lang.pick("NGÔN_NGỮ", "LANG"),
        Value::Shell => "SHELL",
        Value::Command => lang.pick("LỆNH", "COMMAND"),
        Value::Set => lang.pick("BỘ", "SET"),
    }
}

/// A value an argument takes from a list, for its help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Choice {
    Table,
    Json,
    Csv,
}

/// What a value of a list means.
pub(crate) fn choice(choice: Choice, lang: Lang) -> &'static str {
    match choice {
        Choice::Table => lang.pick(
            "Bảng căn cột cho màn hình dòng lệnh.",
            "An aligned table for the terminal.",
        ),
        Choice::Json => lang.pick(
            "Tài liệu kết quả (số thập phân chính xác, dạng chuỗi).",
            "The results document (exact decimals as strings).",
        ),
        Choice::Csv => lang.pick(
            "Mỗi đơn vị một dòng, cho bảng tính.",
            "One row per unit, for spreadsheets.",
        ),
    }
}

/// The words clap itself prints around the table's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Chrome {
    /// The heading of the usage line.
    Usage,
    /// The heading of positional arguments.
    Arguments,
    /// The heading of options.
    Options,
    /// The heading of the commands.
    Commands,
    /// What stands for the options in a usage line.
    OptionsPlaceholder,
    /// What stands for a command in a usage line.
    CommandPlaceholder,
    /// The start of an error.
    Error,
    /// The start of a suggestion.
    Tip,
}

/// One of clap's own words.
pub(crate) fn chrome(word: Chrome, lang: Lang) -> &'static str {
    match word {
        Chrome::Usage => lang.pick("Cách dùng", "Usage"),
        Chrome::Arguments => lang.pick("Tham số", "Arguments"),
        Chrome::Options => lang.pick("Tùy chọn", "Options"),
        Chrome::Commands => lang.pick("Lệnh", "Commands"),
        Chrome::OptionsPlaceholder => lang.pick("[TÙY_CHỌN]", "[OPTIONS]"),
        Chrome::CommandPlaceholder => lang.pick("<LỆNH>", "<COMMAND>"),
        Chrome::Error => lang.pick("lỗi", "error"),
        Chrome::Tip => lang.pick("gợi ý", "tip"),
    }
}

/// An argument's default value, after its help.
pub(crate) fn default_value(value: &str, lang: Lang) -> String {
    lang.pick(
        format!("[mặc định: {value}]"),
        format!("[default: {value}]"),
    )
}

/// The values an argument takes, after its help.
pub(crate) fn possible_values(values: &str, lang: Lang) -> String {
    lang.pick(
        format!("[một trong: {values}]"),
        format!("[possible values: {values}]"),
    )
}

/// The environment variable an argument is read from, after its help.
pub(crate) fn environment(name: &str, lang: Lang) -> String {
    lang.pick(
        format!("[biến môi trường: {name}]"),
        format!("[environment variable: {name}]"),
    )
}

/// Where to read more, after an error.
pub(crate) fn more_help(command: &str, lang: Lang) -> String {
    lang.pick(
        format!("Xem thêm: {command} --help"),
        format!("For more information, try '{command} --help'."),
    )
}

/// An argument the command does not take.
pub(crate) fn unknown_argument(found: &str, lang: Lang) -> String {
    lang.pick(
        format!("không có tham số '{found}'"),
        format!("unexpected argument '{found}' found"),
    )
}

/// A command cfc does not have.
pub(crate) fn unknown_command(found: &str, lang: Lang) -> String {
    lang.pick(
        format!("không có lệnh '{found}'"),
        format!("unrecognized subcommand '{found}'"),
    )
}

/// A near name, for a typo.
pub(crate) fn did_you_mean(near: &str, lang: Lang) -> String {
    lang.pick(
        format!("có phải là {near}?"),
        format!("a similar one exists: {near}"),
    )
}

/// A value not among those an argument takes, or one it cannot read.
pub(crate) fn invalid_value(found: &str, arg: &str, lang: Lang) -> String {
    lang.pick(
        format!("giá trị '{found}' không hợp lệ cho '{arg}'"),
        format!("invalid value '{found}' for '{arg}'"),
    )
}

/// Arguments a command needs and did not get.
pub(crate) fn missing(args: &str, lang: Lang) -> String {
    lang.pick(
        format!("thiếu tham số bắt buộc: {args}"),
        format!("the following required arguments were not provided: {args}"),
    )
}

/// A command is needed.
pub(crate) fn missing_command(commands: &str, lang: Lang) -> String {
    lang.pick(
        format!("cần một lệnh: {commands}"),
        format!("a command is required: {commands}"),
    )
}

/// Two arguments that cannot be given together.
pub(crate) fn conflict(arg: &str, other: &str, lang: Lang) -> String {
    lang.pick(
        format!("không dùng '{arg}' cùng với '{other}'"),
        format!("the argument '{arg}' cannot be used with '{other}'"),
    )
}

/// A value where the command takes no more.
pub(crate) fn unexpected_value(found: &str, arg: &str, lang: Lang) -> String {
    lang.pick(
        format!("'{arg}' không nhận thêm giá trị '{found}'"),
        format!("unexpected value '{found}' for '{arg}' found; no more were expected"),
    )
}

/// The values an argument accepts, after an invalid one.
pub(crate) fn accepted(values: &str, lang: Lang) -> String {
    lang.pick(
        format!("các giá trị được nhận: {values}"),
        format!("possible values: {values}"),
    )
}

/// The section titles of a manual page that clap_mangen writes in English.
pub(crate) fn man_section(title: &str, lang: Lang) -> Option<&'static str> {
    Some(match title {
        "NAME" => lang.pick("TÊN", "NAME"),
        "SYNOPSIS" => lang.pick("CÁCH DÙNG", "SYNOPSIS"),
        "DESCRIPTION" => lang.pick("MÔ TẢ", "DESCRIPTION"),
        "OPTIONS" => lang.pick("TÙY CHỌN", "OPTIONS"),
        "SUBCOMMANDS" => lang.pick("LỆNH", "SUBCOMMANDS"),
        "VERSION" => lang.pick("PHIÊN BẢN", "VERSION"),
        "AUTHORS" => lang.pick("TÁC GIẢ", "AUTHORS"),
        _ => return None,
    })
}
