#pragma once
// The backup `apply` takes of each environment it is about to change (docs/backup.md,
// "Automatic backups"). Called by confirm_apply_and_report() after the confirmation and before
// the first change, so apply, restore and the tenant commands all leave a way back.

#include "plan/plan.hpp"

namespace descope_mgmt::workspace {
class Workspace;
}

namespace descope_mgmt::cli {

struct Context;
using Workspace = workspace::Workspace;

/// Takes a backup of every environment of `plan` that has changes (concurrently), into
/// $DESCOPE_MGMT_BACKUP_DIR/ENV or .descope-mgmt/backups/ENV next to the config, keeping the
/// newest $DESCOPE_MGMT_BACKUP_KEEP (default 10). Prints where each went (stderr). Returns false,
/// after printing why, when any backup could not be taken: then nothing must be changed.
/// DESCOPE_MGMT_BACKUP=off skips the backups (with a warning).
bool take_automatic_backups(Context& ctx, Workspace& ws, const plan::Plan& plan);

}  // namespace descope_mgmt::cli
