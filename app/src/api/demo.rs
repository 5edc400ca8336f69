//! What the demo (socialization) pages show: the presenter's page at `/demo` and the
//! printable guide at `/demo/panduan`. The server builds them (`server::demo`) and puts
//! them in context; they never cross the wire.

use crate::i18n::Key;
use crate::model::demo::ProjectorLine;
use crate::model::Date;

/// The DEMO banner on every page of a demo server: the demo clock's day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoBanner {
    pub today: Date,
    /// Days the time machine moved the clock ahead of the real one.
    pub days_ahead: i64,
}

/// One report on the projector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrivalView {
    /// Shown, with dashes (`K7Q-M3X-PAR`).
    pub number: String,
    pub line: ProjectorLine,
    /// `HH.MM` WIB.
    pub time: String,
}

/// The presenter's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoScreen {
    /// What the QR code holds: the form's address on the laptop's network.
    pub join_url: String,
    /// The QR code as an SVG document.
    pub qr_svg: String,
    /// Reports sent since the demo started.
    pub count: i64,
    /// The latest of them, newest first.
    pub arrivals: Vec<ArrivalView>,
    /// A note after an action (time moved, demo reset, …).
    pub notice: Option<Key>,
}

/// The printable guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideScreen {
    pub join_url: String,
    pub qr_svg: String,
    /// The demo regency's SMS keyword.
    pub keyword: String,
}
