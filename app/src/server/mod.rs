//! Server-only code: storage, seeding, the app state and request handling.
//! Never compiled to WASM.

pub mod bench;
pub mod channels;
pub mod citizen;
pub mod demo;
pub mod export;
pub mod handlers;
pub mod http;
pub mod live;
pub mod open_data;
pub mod page_cache;
pub mod public;
pub mod pwa;
pub mod render;
pub mod reporter;
pub mod router;
pub mod seed;
pub mod state;
pub mod storage;
pub mod tracking;
pub mod uploads;
pub mod workspace;
