//! The words people read for each value of the model, as i18n keys.

use crate::i18n::{fill, Key, Locale};
use crate::model::calendar::{DeadlineKind, DeadlineState};
use crate::model::event::EventKind;
use crate::model::tracking::TrackingError;
use crate::model::validation::{Field, Problem};
use crate::model::{Action, Classification, Date, Status, Timestamp};

pub fn status(status: Status) -> Key {
    match status {
        Status::Submitted => Key::StatusSubmitted,
        Status::ReturnedToReporter => Key::StatusReturned,
        Status::Archived => Key::StatusArchived,
        Status::Verified => Key::StatusVerified,
        Status::Forwarded => Key::StatusForwarded,
        Status::Disposed => Key::StatusDisposed,
        Status::FollowUpDrafted => Key::StatusDrafted,
        Status::FollowedUp => Key::StatusFollowedUp,
        Status::ReporterReplied => Key::StatusReplied,
        Status::Closed => Key::StatusClosed,
    }
}

/// What the status means for the reporter, in one sentence.
pub fn status_explained(status: Status) -> Key {
    match status {
        Status::Submitted => Key::StatusSubmittedHelp,
        Status::ReturnedToReporter => Key::StatusReturnedHelp,
        Status::Archived => Key::StatusArchivedHelp,
        Status::Verified => Key::StatusVerifiedHelp,
        Status::Forwarded
        | Status::Disposed
        | Status::FollowUpDrafted
        | Status::ReporterReplied => Key::StatusInProgressHelp,
        Status::FollowedUp => Key::StatusFollowedUpHelp,
        Status::Closed => Key::StatusClosedHelp,
    }
}

pub fn classification(classification: Classification) -> Key {
    match classification {
        Classification::Complaint => Key::ClassComplaint,
        Classification::Aspiration => Key::ClassAspiration,
        Classification::InformationRequest => Key::ClassInformation,
    }
}

pub fn bucket(bucket: crate::model::statistics::Bucket) -> Key {
    use crate::model::statistics::Bucket;
    match bucket {
        Bucket::Finished => Key::StatsBucketFinished,
        Bucket::InProgress => Key::StatsBucketInProgress,
        Bucket::VerifiedForwarded => Key::StatsBucketForwarded,
        Bucket::NotYetHandled => Key::StatsBucketNotYet,
        Bucket::OnHold => Key::StatsBucketOnHold,
        Bucket::Archived => Key::StatsBucketArchived,
    }
}

pub fn classification_help(classification: Classification) -> Key {
    match classification {
        Classification::Complaint => Key::ClassComplaintHelp,
        Classification::Aspiration => Key::ClassAspirationHelp,
        Classification::InformationRequest => Key::ClassInformationHelp,
    }
}

pub fn event(kind: EventKind) -> Key {
    match kind {
        EventKind::Submitted => Key::EventSubmitted,
        EventKind::Message => Key::EventMessage,
        EventKind::Note => Key::EventNote,
        EventKind::Transition(action) => match action {
            Action::Verify => Key::EventVerified,
            Action::ReturnToReporter => Key::EventReturned,
            Action::CompleteByReporter => Key::EventCompleted,
            Action::Archive => Key::EventArchived,
            Action::MarkDuplicate => Key::EventMarkedDuplicate,
            Action::Forward => Key::EventForwarded,
            Action::Transfer => Key::EventTransferred,
            Action::Dispose => Key::EventDisposed,
            Action::DraftFollowUp => Key::EventDrafted,
            Action::SendBackDraft => Key::EventSentBack,
            Action::ApproveAndPublish => Key::EventPublished,
            Action::ReporterReply => Key::EventReplied,
            Action::Reopen => Key::EventReopened,
            Action::Close => Key::EventClosed,
            Action::AutoClose => Key::EventAutoClosed,
        },
    }
}

pub fn deadline_kind(kind: DeadlineKind) -> Key {
    match kind {
        DeadlineKind::Verification => Key::DeadlineVerification,
        DeadlineKind::FollowUpDraft => Key::DeadlineDraft,
        DeadlineKind::Answer => Key::DeadlineAnswer,
        DeadlineKind::AutoClose => Key::DeadlineAutoClose,
    }
}

/// "3 hari kerja lagi", "hari ini", "terlambat 2 hari kerja".
pub fn deadline_state(state: DeadlineState, locale: Locale) -> String {
    match state {
        DeadlineState::Remaining(n) => {
            fill(Key::DeadlineDaysLeft.text(locale), &[("n", &n.to_string())])
        }
        DeadlineState::DueToday => Key::DeadlineDueToday.text(locale).to_string(),
        DeadlineState::Overdue(n) => {
            fill(Key::DeadlineOverdue.text(locale), &[("n", &n.to_string())])
        }
    }
}

const MONTHS: [Key; 12] = [
    Key::Month1,
    Key::Month2,
    Key::Month3,
    Key::Month4,
    Key::Month5,
    Key::Month6,
    Key::Month7,
    Key::Month8,
    Key::Month9,
    Key::Month10,
    Key::Month11,
    Key::Month12,
];

/// "25 November 2026".
pub fn date(date: Date, locale: Locale) -> String {
    let month = MONTHS[(date.month().clamp(1, 12) - 1) as usize].text(locale);
    format!("{} {} {}", date.day(), month, date.year())
}

/// "25 November 2026, 14.05 WIB".
pub fn timestamp(at: Timestamp, locale: Locale) -> String {
    let (hour, minute) = at.time_wib();
    format!("{}, {hour:02}.{minute:02} WIB", date(at.date_wib(), locale))
}

pub fn tracking_error(error: TrackingError) -> Key {
    match error {
        TrackingError::Empty => Key::TrackErrEmpty,
        TrackingError::WrongLength => Key::TrackErrLength,
        TrackingError::BadCharacter => Key::TrackErrCharacter,
        TrackingError::CheckFailed => Key::TrackErrCheck,
    }
}

pub fn field(field: Field) -> Key {
    match field {
        Field::Classification => Key::FieldClassification,
        Field::Title => Key::FieldTitle,
        Field::Body => Key::FieldBody,
        Field::EventDate => Key::FieldEventDate,
        Field::RegionCode => Key::FieldRegion,
        Field::Address => Key::FieldAddress,
        Field::Category => Key::FieldCategory,
        Field::TargetAgency => Key::FieldAgency,
        Field::Coordinates => Key::FieldCoordinates,
        Field::Name => Key::FieldName,
        Field::Phone => Key::FieldPhone,
        Field::Email => Key::FieldEmail,
        Field::Contact => Key::FieldContact,
        Field::Attachments => Key::FieldAttachments,
        Field::Unit => Key::WsFieldUnit,
        Field::DuplicateOf => Key::WsFieldDuplicateOf,
        Field::Password => Key::WsCurrentPassword,
        Field::NewPassword => Key::WsNewPassword,
        Field::NewPasswordRepeat => Key::WsNewPasswordRepeat,
        Field::Selection => Key::WsFieldSelection,
        Field::ViewName => Key::WsFieldViewName,
        Field::Reason => Key::WsReasonField,
    }
}

/// The message for one field problem, e.g. "Judul terlalu pendek: minimal 10 karakter."
pub fn problem(field: Field, problem: Problem, locale: Locale) -> String {
    let name = self::field(field).text(locale);
    let (key, n) = match (field, problem) {
        (Field::Selection, Problem::Required) => (Key::ErrSelectionEmpty, 0),
        (Field::Selection, Problem::TooMany { max }) => (Key::ErrSelectionTooMany, max),
        (Field::ViewName, Problem::TooMany { max }) => (Key::ErrViewsFull, max),
        (_, problem) => general_problem(field, problem),
    };
    fill(key.text(locale), &[("field", name), ("n", &n.to_string())])
}

/// The message key of a problem, and its number, for any field.
fn general_problem(field: Field, problem: Problem) -> (Key, usize) {
    match problem {
        Problem::Required => (Key::ErrRequired, 0),
        Problem::TooShort { min } => (Key::ErrTooShort, min),
        Problem::TooLong { max } => (Key::ErrTooLong, max),
        Problem::Invalid => (invalid_key(field), 0),
        Problem::InFuture => (Key::ErrInFuture, 0),
        Problem::ContactNeeded => (Key::ErrContactNeeded, 0),
        Problem::Unknown => (Key::ErrUnknown, 0),
        Problem::FileType => (Key::ErrFileType, 0),
        Problem::FileTooLarge { max_mb } => (Key::ErrFileTooLarge, max_mb),
        Problem::FilesTooLarge { max_mb } => (Key::ErrFilesTooLarge, max_mb),
        Problem::TooManyFiles { max } => (Key::ErrTooManyFiles, max),
        Problem::FileUnreadable => (Key::ErrFileUnreadable, 0),
        Problem::TooManyPixels { max_megapixels } => (Key::ErrTooManyPixels, max_megapixels),
        Problem::FileEncrypted => (Key::ErrFileEncrypted, 0),
        Problem::FileExpired => (Key::ErrFileExpired, 0),
        Problem::TooMany { max } => (Key::ErrTooMany, max),
    }
}

fn invalid_key(field: Field) -> Key {
    match field {
        Field::Phone => Key::ErrPhone,
        Field::Email => Key::ErrEmail,
        Field::EventDate => Key::ErrDate,
        Field::Coordinates => Key::ErrCoordinates,
        Field::Password => Key::ErrPasswordWrong,
        Field::NewPassword => Key::ErrPasswordSame,
        Field::NewPasswordRepeat => Key::ErrPasswordMismatch,
        _ => Key::ErrInvalid,
    }
}

/// "240 KB", "1,5 MB" (decimal comma in Indonesian).
pub fn file_size(bytes: i64, locale: Locale) -> String {
    const MB: i64 = 1024 * 1024;
    if bytes < MB {
        return format!("{} KB", (bytes + 1023) / 1024);
    }
    let tenths = (bytes * 10 + MB / 2) / MB;
    let separator = match locale {
        Locale::Id => ',',
        Locale::En => '.',
    };
    format!("{}{separator}{} MB", tenths / 10, tenths % 10)
}

/// A staff role's name.
pub fn role(role: crate::model::Role) -> Key {
    use crate::model::Role;
    match role {
        Role::Reporter => Key::WsRoleReporter,
        Role::NationalAdmin => Key::WsRoleNationalAdmin,
        Role::AgencyAdmin => Key::WsRoleAgencyAdmin,
        Role::LiaisonOfficer => Key::WsRoleLiaison,
        Role::UnitOperator => Key::WsRoleUnitOperator,
        Role::Oversight => Key::WsRoleOversight,
        Role::System => Key::WsRoleSystem,
    }
}

/// A channel's name.
pub fn channel(channel: crate::model::Channel) -> Key {
    use crate::model::Channel;
    match channel {
        Channel::Web => Key::WsChannelWeb,
        Channel::Sms => Key::WsChannelSms,
        Channel::Social => Key::WsChannelSocial,
        Channel::Api => Key::WsChannelApi,
        Channel::Telegram => Key::WsChannelTelegram,
        Channel::WhatsApp => Key::WsChannelWhatsapp,
    }
}

/// A deadline filter's name.
pub fn deadline_filter(filter: crate::model::workspace::DeadlineFilter) -> Key {
    use crate::model::workspace::DeadlineFilter;
    match filter {
        DeadlineFilter::Overdue => Key::WsDeadlineOverdue,
        DeadlineFilter::DueSoon => Key::WsDeadlineSoon,
        DeadlineFilter::Later => Key::WsDeadlineLater,
        DeadlineFilter::NoClock => Key::WsDeadlineNone,
    }
}

/// A workspace queue's name.
pub fn queue(queue: crate::model::workspace::Queue) -> Key {
    use crate::model::workspace::Queue;
    match queue {
        Queue::ToVerify => Key::WsQueueToVerify,
        Queue::ToForward => Key::WsQueueToForward,
        Queue::NewForAgency => Key::WsQueueNew,
        Queue::Disposed => Key::WsQueueDisposed,
        Queue::DraftsToApprove => Key::WsQueueDrafts,
        Queue::Replied => Key::WsQueueReplied,
        Queue::WaitingForReporter => Key::WsQueueWaiting,
        Queue::DueSoon => Key::WsQueueDueSoon,
        Queue::Overdue => Key::WsQueueOverdue,
        Queue::Mine => Key::WsQueueMine,
        Queue::Closed => Key::WsQueueClosed,
        Queue::All => Key::WsQueueAll,
    }
}

/// A bulk step's name (its button).
pub fn bulk_step(step: crate::model::workspace::BulkStep) -> Key {
    use crate::model::workspace::BulkStep;
    match step {
        BulkStep::VerifyAndForward => Key::WsBulkVerifyForward,
        BulkStep::Forward => Key::WsBulkForward,
        BulkStep::Dispose => Key::WsBulkDispose,
        BulkStep::Archive => Key::WsBulkArchive,
    }
}

/// What a bulk step does to each report, in words, before it is taken.
pub fn bulk_consequence(step: crate::model::workspace::BulkStep) -> Key {
    use crate::model::workspace::BulkStep;
    match step {
        BulkStep::VerifyAndForward => Key::WsBulkConsequenceVerifyForward,
        BulkStep::Forward => Key::WsBulkConsequenceForward,
        BulkStep::Dispose => Key::WsBulkConsequenceDispose,
        BulkStep::Archive => Key::WsBulkConsequenceArchive,
    }
}

/// What a staff step does, in words, as the action panel says it before it is taken.
pub fn staff_consequence(action: crate::model::Action) -> Key {
    use crate::model::Action;
    match action {
        Action::Verify => Key::WsConsequenceVerify,
        Action::ReturnToReporter => Key::WsConsequenceReturn,
        Action::Archive => Key::WsConsequenceArchive,
        Action::MarkDuplicate => Key::WsConsequenceDuplicate,
        Action::Forward => Key::WsConsequenceForward,
        Action::Transfer => Key::WsConsequenceTransfer,
        Action::Dispose => Key::WsConsequenceDispose,
        Action::DraftFollowUp => Key::WsConsequenceDraft,
        Action::SendBackDraft => Key::WsConsequenceSendBack,
        Action::ApproveAndPublish => Key::WsConsequencePublish,
        Action::Close => Key::WsConsequenceClose,
        Action::CompleteByReporter | Action::ReporterReply | Action::Reopen | Action::AutoClose => {
            Key::WsActOther
        }
    }
}

/// The button of a staff step.
pub fn staff_action(action: crate::model::Action) -> Key {
    use crate::model::Action;
    match action {
        Action::Verify => Key::WsActVerify,
        Action::ReturnToReporter => Key::WsActReturn,
        Action::Archive => Key::WsActArchive,
        Action::MarkDuplicate => Key::WsActDuplicate,
        Action::Forward => Key::WsActForward,
        Action::Transfer => Key::WsActTransfer,
        Action::Dispose => Key::WsActDispose,
        Action::DraftFollowUp => Key::WsActDraft,
        Action::SendBackDraft => Key::WsActSendBack,
        Action::ApproveAndPublish => Key::WsActPublish,
        Action::Close => Key::WsActClose,
        Action::CompleteByReporter | Action::ReporterReply | Action::Reopen | Action::AutoClose => {
            Key::WsActOther
        }
    }
}
