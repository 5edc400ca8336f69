//! The agency workspace's WASM entry: the citizens' `hydrate` (which wakes every island
//! the app crate has), linked with the app crate's `staff` feature, so the workspace's
//! island is among them.

pub use frontend::hydrate;
