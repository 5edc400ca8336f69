//! Pages, one folder per face.

pub mod citizen;
pub mod demo;
pub mod home;
pub mod not_found;
pub mod public;
pub mod simulator;
pub mod tracking;
pub mod workspace;
