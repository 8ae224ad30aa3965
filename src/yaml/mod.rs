//! A user's YAML file read safely: size, encoding and nesting checked before parsing
//! ([`read`]), the position of every value ([`positions`]), and parser errors turned into
//! located problems ([`problems`]); a streaming deserializer that reads a valid file in one pass
//! ([`de`]). Catalogs and answers files both come through here.

pub mod de;
pub mod positions;
pub mod problems;
pub mod read;
