//! The OpenAPI schemas of the values the results write as text (feature `serve`): points, a
//! date, an id. The structures around them derive theirs from their own definitions.

use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::{KnownFormat, RefOr};

/// A JSON string with what it holds, the pattern it matches and its format, if any.
pub(crate) fn text(
    description: &str,
    pattern: Option<&str>,
    format: Option<KnownFormat>,
) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .pattern(pattern)
        .format(format.map(SchemaFormat::KnownFormat))
        .into()
}
