//! Server-only code: storage, seeding, the app state and request handling.
//! Never compiled to WASM.

pub mod citizen;
pub mod handlers;
pub mod render;
pub mod seed;
pub mod state;
pub mod storage;
pub mod tracking;
