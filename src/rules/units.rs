//! The official list of commune-level units in force since 1 July 2025 (34 provinces,
//! 3,321 units), embedded from `assets/units/units-2025.json` so that an embedder needs no
//! file on disk. `assets/units/convert.py` regenerates that file from the General Statistics
//! Office's list; `assets/units/README.md` says where it came from and when.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;

use crate::evidence::UnitKind;

/// The first evaluation year the list applies to: rounds of earlier years keep the old units.
pub const FIRST_YEAR: u16 = 2025;

const DATA: &str = include_str!("../../assets/units/units-2025.json");

/// One commune-level unit of the official list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfficialUnit {
    /// Statistical code, five digits, e.g. "21289".
    pub code: String,
    /// Official name with its kind, e.g. "Xã Sơn Hà".
    pub name: String,
    /// Its kind as the list says it (`xa`, `phuong`, `dac_khu`).
    pub kind: UnitKind,
    /// The list's word for that kind, e.g. "đặc khu".
    pub kind_word: Arc<str>,
    /// The code of its province, two digits, e.g. "51".
    pub province: String,
}

impl OfficialUnit {
    /// The name without the kind word in front ("Sơn Hà" for "Xã Sơn Hà"), as evidence
    /// files write it next to their `kind`.
    pub fn short_name(&self) -> &str {
        let word: &str = &self.kind_word;
        match self.name.get(..word.len()) {
            Some(head) if head.to_lowercase() == word => self.name[word.len()..].trim_start(),
            _ => &self.name,
        }
    }

    /// Whether an evidence file's name designates this unit: the official name, with or
    /// without its kind word, compared after Unicode normalisation (NFC) and trimming.
    pub fn name_matches(&self, name: &str) -> bool {
        let given = crate::base::printable::nfc(name.trim());
        given == self.name || given == self.short_name()
    }
}

/// A province of the official list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Province {
    /// Two digits, e.g. "51".
    pub code: String,
    /// Official name, e.g. "Tỉnh Quảng Ngãi".
    pub name: String,
    /// Its units, ordered by code.
    pub units: Vec<OfficialUnit>,
}

impl Province {
    /// The name without "Tỉnh" / "Thành phố", e.g. "Quảng Ngãi", for places and titles.
    pub fn short_name(&self) -> &str {
        ["Tỉnh ", "Thành phố "]
            .iter()
            .find_map(|p| self.name.strip_prefix(p))
            .unwrap_or(&self.name)
    }
}

/// The whole list.
#[derive(Debug)]
pub struct OfficialList {
    /// Where the list comes from, as the data file says.
    pub source: String,
    /// The date it is in force from.
    pub in_force: String,
    provinces: Vec<Province>,
    by_code: BTreeMap<String, (usize, usize)>,
}

#[derive(Deserialize)]
struct RawList {
    source: String,
    in_force: String,
    /// The list's word for each of its kinds, by id.
    kinds: BTreeMap<String, String>,
    provinces: Vec<RawProvince>,
}

#[derive(Deserialize)]
struct RawProvince {
    code: String,
    name: String,
    units: Vec<(String, String, UnitKind)>,
}

impl OfficialList {
    /// The list embedded in the library, parsed once.
    pub fn embedded() -> &'static OfficialList {
        static LIST: OnceLock<OfficialList> = OnceLock::new();
        LIST.get_or_init(|| {
            // The file is part of the build and checked by tests/it/units.rs: a parse failure
            // is a broken build, not bad user input.
            let raw: RawList =
                serde_json::from_str(DATA).expect("assets/units/units-2025.json is valid");
            OfficialList::from_raw(raw)
        })
    }

    fn from_raw(raw: RawList) -> OfficialList {
        let words: BTreeMap<String, Arc<str>> = raw
            .kinds
            .into_iter()
            .map(|(id, word)| (id, Arc::from(word)))
            .collect();
        let mut by_code = BTreeMap::new();
        let provinces: Vec<Province> = raw
            .provinces
            .into_iter()
            .enumerate()
            .map(|(p, rp)| Province {
                units: rp
                    .units
                    .into_iter()
                    .enumerate()
                    .map(|(u, (code, name, kind))| {
                        by_code.insert(code.clone(), (p, u));
                        // tests/it/units.rs checks that every kind of the list has its word.
                        let kind_word = words.get(kind.id()).cloned().unwrap_or_default();
                        OfficialUnit {
                            code,
                            name,
                            kind,
                            kind_word,
                            province: rp.code.clone(),
                        }
                    })
                    .collect(),
                code: rp.code,
                name: rp.name,
            })
            .collect();
        OfficialList {
            source: raw.source,
            in_force: raw.in_force,
            provinces,
            by_code,
        }
    }

    /// Every province, ordered by code.
    pub fn provinces(&self) -> &[Province] {
        &self.provinces
    }

    /// The province with this code.
    pub fn province(&self, code: &str) -> Option<&Province> {
        self.provinces.iter().find(|p| p.code == code)
    }

    /// The unit with this statistical code, in any province.
    pub fn unit(&self, code: &str) -> Option<&OfficialUnit> {
        self.by_code
            .get(code)
            .map(|&(p, u)| &self.provinces[p].units[u])
    }

    /// Every unit of every province.
    pub fn units(&self) -> impl Iterator<Item = &OfficialUnit> {
        self.provinces.iter().flat_map(|p| p.units.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_the_counts_of_the_reform() {
        let list = OfficialList::embedded();
        assert_eq!(list.provinces().len(), 34);
        let count = |k: &str| list.units().filter(|u| u.kind.id() == k).count();
        assert_eq!(count("xa"), 2621);
        assert_eq!(count("phuong"), 687);
        assert_eq!(count("dac_khu"), 13);
        assert_eq!(count("thi_tran"), 0);
        assert!(list.units().all(|u| !u.kind_word.is_empty()));
        let qn = list.province("51").expect("Quảng Ngãi");
        assert_eq!((qn.name.as_str(), qn.units.len()), ("Tỉnh Quảng Ngãi", 96));
        assert_eq!(qn.short_name(), "Quảng Ngãi");
    }

    #[test]
    fn names_match_with_or_without_their_kind_word() {
        let u = OfficialList::embedded().unit("21548").expect("Lý Sơn");
        assert_eq!(u.short_name(), "Lý Sơn");
        assert!(u.name_matches("Đặc khu Lý Sơn"));
        assert!(u.name_matches(" Lý Sơn "));
        // NFD input (as some editors save it) is the same name.
        assert!(u.name_matches("Ly\u{301} So\u{31b}n"));
        assert!(!u.name_matches("Lý Sơn Đảo"));
    }
}
