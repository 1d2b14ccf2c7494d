//! The labels of a set's rules that every unit's trace repeats: ids, legal references, names
//! of the values read, rows of step tables.
//!
//! A unit's trace holds about 150 of them. As `String`s each was an allocation, a copy and a
//! free per unit, a third of the scoring loop; an `Arc<str>` would share one counter between
//! the cores that evaluate a round in parallel, and was measured slower than a `String` on two
//! threads. So a label made when the rules load is *interned*: its text is kept once for the
//! process, and copying the label copies a pointer. Text that is not the rules' (what a rhai
//! script builds, what a results document says when it is read back) stays owned.

use std::borrow::{Borrow, Cow};
use std::collections::HashSet;
use std::fmt;
use std::sync::{Mutex, OnceLock};

/// A label of the rules, as a trace holds it: text that reads like a `&str`
/// (`Deref<Target = str>`), serialised as a string, cheap to clone when it was interned.
///
/// ```
/// use cfc::Label;
///
/// let id = Label::interned("7.1");
/// let copy = id.clone(); // a pointer copied, no allocation
/// assert_eq!(copy, "7.1");
/// assert_eq!(copy.len(), 3);
/// assert_eq!(serde_json::to_string(&copy).unwrap(), r#""7.1""#);
/// assert_eq!(Label::from("7.1".to_string()), id); // equal by text, however held
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Label(Cow<'static, str>);

/// The most text kept by the interner for the whole process. A council's sets have a few
/// kilobytes of labels; a program that loads ever new sets (a server checking uploaded files)
/// must not grow without end, so past this budget new labels are owned, as before interning:
/// correct, only slower to copy.
const INTERNED_BYTES: usize = 16 << 20;

struct Interned {
    texts: HashSet<&'static str>,
    lists: HashSet<&'static [Label]>,
    bytes: usize,
}

/// The interner of the process, within [`INTERNED_BYTES`].
fn interner() -> std::sync::MutexGuard<'static, Interned> {
    static INTERNED: OnceLock<Mutex<Interned>> = OnceLock::new();
    super::lock(INTERNED.get_or_init(|| {
        Mutex::new(Interned {
            texts: HashSet::new(),
            lists: HashSet::new(),
            bytes: 0,
        })
    }))
}

impl Label {
    /// The label of `text`, kept once for the process (within a budget of 16 MiB of text):
    /// for what the rules say, made once when they load and copied into every unit's trace.
    pub fn interned(text: &str) -> Label {
        let mut interned = interner();
        Label::kept_in(&mut interned, text)
    }

    fn kept_in(interned: &mut Interned, text: &str) -> Label {
        if let Some(&kept) = interned.texts.get(text) {
            return Label(Cow::Borrowed(kept));
        }
        if interned.bytes.saturating_add(text.len()) > INTERNED_BYTES {
            return Label(Cow::Owned(text.to_owned()));
        }
        // Kept for the rest of the process on purpose: that is what makes a copy free. The
        // budget above bounds it.
        let kept: &'static str = Box::leak(Box::from(text));
        interned.bytes += kept.len();
        interned.texts.insert(kept);
        Label(Cow::Borrowed(kept))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A list of labels that every unit's trace repeats — the names of the values an indicator
/// reads, a set's provisional rules — read like a `&[Label]` (`Deref`), serialised as a list.
///
/// Like a [`Label`], a list made when the rules load is interned, so copying it into a unit's
/// result copies a pointer instead of allocating; a list read from a document is owned.
///
/// ```
/// use cfc::{Label, LabelList};
///
/// let names = LabelList::interned(&["births".into(), "registered".into()]);
/// let copy = names.clone(); // a pointer copied, no allocation
/// assert_eq!(copy.len(), 2);
/// assert_eq!(copy[1], "registered");
/// assert_eq!(serde_json::to_string(&copy).unwrap(), r#"["births","registered"]"#);
/// assert_eq!(LabelList::from(vec![Label::from("births"), Label::from("registered")]), names);
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct LabelList(Cow<'static, [Label]>);

impl LabelList {
    /// The empty list.
    pub const EMPTY: LabelList = LabelList(Cow::Borrowed(&[]));

    /// The list of `labels`, kept once for the process with its labels (within the interner's
    /// budget of 16 MiB, past which it is owned).
    pub fn interned(labels: &[Label]) -> LabelList {
        let mut interned = interner();
        if let Some(&kept) = interned.lists.get(labels) {
            return LabelList(Cow::Borrowed(kept));
        }
        let size = std::mem::size_of_val(labels);
        let kept: Vec<Label> = labels
            .iter()
            .map(|l| Label::kept_in(&mut interned, l))
            .collect();
        if interned.bytes.saturating_add(size) > INTERNED_BYTES {
            return LabelList(Cow::Owned(kept));
        }
        // Kept for the rest of the process, as a label's text is: see `Label::interned`.
        let kept: &'static [Label] = Vec::leak(kept);
        interned.bytes += size;
        interned.lists.insert(kept);
        LabelList(Cow::Borrowed(kept))
    }
}

impl std::ops::Deref for LabelList {
    type Target = [Label];
    fn deref(&self) -> &[Label] {
        &self.0
    }
}

impl<'a> IntoIterator for &'a LabelList {
    type Item = &'a Label;
    type IntoIter = std::slice::Iter<'a, Label>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Owned, not interned: what a document gives is not the rules'.
impl From<Vec<Label>> for LabelList {
    fn from(labels: Vec<Label>) -> LabelList {
        LabelList(Cow::Owned(labels))
    }
}

impl FromIterator<Label> for LabelList {
    fn from_iter<I: IntoIterator<Item = Label>>(iter: I) -> LabelList {
        LabelList(Cow::Owned(iter.into_iter().collect()))
    }
}

impl fmt::Debug for LabelList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl serde::Serialize for LabelList {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter())
    }
}

impl<'de> serde::Deserialize<'de> for LabelList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<LabelList, D::Error> {
        Vec::<Label>::deserialize(d).map(LabelList::from)
    }
}

impl std::ops::Deref for Label {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Label {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Label {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// As a `String` shows: a label in a listing or a snapshot reads as the text it replaced.
impl fmt::Debug for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Owned text, not interned: what a script or a document gives is not the rules' and would
/// fill the interner.
impl From<String> for Label {
    fn from(text: String) -> Label {
        Label(Cow::Owned(text))
    }
}

/// Owned text, not interned (see [`Label::interned`] for the rules' own labels).
impl From<&str> for Label {
    fn from(text: &str) -> Label {
        Label(Cow::Owned(text.to_owned()))
    }
}

impl From<Label> for String {
    fn from(label: Label) -> String {
        label.0.into_owned()
    }
}

impl PartialEq<str> for Label {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Label {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Label {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Label> for str {
    fn eq(&self, other: &Label) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Label> for &str {
    fn eq(&self, other: &Label) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Label> for String {
    fn eq(&self, other: &Label) -> bool {
        **self == *other.0
    }
}

impl serde::Serialize for Label {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Label {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Label, D::Error> {
        String::deserialize(d).map(Label::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interned_list_is_one_list_for_the_process_and_its_labels_are_interned() {
        let owned = [Label::from("C03: a read"), Label::from("C03: another read")];
        let a = LabelList::interned(&owned);
        let b = LabelList::interned(&[
            Label::interned("C03: a read"),
            Label::from(String::from("C03: another read")),
        ]);
        assert!(std::ptr::eq(a.as_ptr(), b.as_ptr()), "kept once");
        assert!(
            std::ptr::eq(a.clone().as_ptr(), a.as_ptr()),
            "a clone copies no list"
        );
        assert!(
            std::ptr::eq(a[1].as_str(), Label::interned("C03: another read").as_str()),
            "its labels are the interned ones, so copying one copies a pointer"
        );
        assert_eq!(a, LabelList::from(owned.to_vec()));
        assert_eq!(LabelList::interned(&[]), LabelList::EMPTY);
    }

    #[test]
    fn an_interned_label_is_one_text_for_the_process() {
        let a = Label::interned("C03: a label of the rules");
        let b = Label::interned(&String::from("C03: a label of the rules"));
        assert!(std::ptr::eq(a.as_str(), b.as_str()), "kept once");
        assert!(
            std::ptr::eq(a.clone().as_str(), a.as_str()),
            "a clone copies no text"
        );
        // Owned text equals interned text, and hashes alike (a `HashMap<Label, _>` looks
        // either up).
        use std::hash::BuildHasher;
        let owned = Label::from("C03: a label of the rules");
        assert_eq!(owned, a);
        let state = std::hash::RandomState::new();
        assert_eq!(state.hash_one(&owned), state.hash_one(&a));
        assert_eq!(
            state.hash_one(&a),
            state.hash_one("C03: a label of the rules")
        );
    }

    #[test]
    fn a_label_reads_writes_and_shows_as_the_string_it_replaced() {
        let label = Label::interned("≥ 98 → 50");
        let text = String::from("≥ 98 → 50");
        assert_eq!(format!("{label:?}"), format!("{text:?}"));
        assert_eq!(format!("{label}"), text);
        assert_eq!(
            serde_json::to_string(&label).unwrap(),
            serde_json::to_string(&text).unwrap()
        );
        let back: Label = serde_json::from_str(r#""≥ 98 → 50""#).unwrap();
        assert_eq!(back, label);
        assert_eq!(String::from(back), text);
        // Compared with text either way round, as a `String` was.
        assert_eq!(label, "≥ 98 → 50");
        assert_eq!("≥ 98 → 50", label);
        assert_eq!(text, label);
    }
}
