//! The kinds a criteria set declares: of units (`xa`, `phuong`, …) and of incidents
//! (`drowning`, …). The engine keeps no list of them.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::text::Text;

/// An id of a kind (of unit or of incident) as files and results write it: the engine keeps
/// no list of them; a criteria set declares them (a policy may add incident kinds).
macro_rules! kind_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// Cloning shares the text; in JSON it is the bare id (`"xa"`).
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Arc<str>);

        impl $name {
            /// Only the loaders make kinds from text: a kind held by evidence is one its
            /// criteria set (or policy) declares.
            pub(crate) fn new(id: &str) -> Self {
                $name(Arc::from(id))
            }
            /// The id used in files, scripts and results, e.g. `xa`, `drowning`.
            pub fn id(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        #[cfg(feature = "serve")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                crate::base::schema::text(
                    "The id of a kind the criteria set (or the policy) declares.",
                    None,
                    None,
                )
            }
        }

        #[cfg(feature = "serve")]
        impl utoipa::ToSchema for $name {}

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map(|s| $name(Arc::from(s)))
            }
        }
    };
}

kind_id! {
    /// The kind of a commune-level unit (`xa`, `phuong`, …), as declared by the criteria set's
    /// `[[unit_kinds]]`.
    UnitKind
}

kind_id! {
    /// The kind of an incident in the register (`drowning`, …), as declared by the criteria
    /// set's `[[incident_kinds]]` or the policy's.
    IncidentKind
}

/// A kind declared by a criteria set or a policy: its id and its names in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindDef<K> {
    /// The id files use.
    pub id: K,
    /// Its names, e.g. `{ vi = "thị trấn", en = "township" }`.
    pub label: Text,
}

/// Whether a text has the shape of a kind id: a lower-case letter, then lower-case letters,
/// digits and `_`. Policy scripts are checked by this shape: a string literal that has it
/// must be a declared incident kind.
pub(crate) fn kind_shaped(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}
