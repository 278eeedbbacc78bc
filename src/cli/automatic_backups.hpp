#pragma once
// The backup `apply` takes of each environment it is about to change (docs/backup.md,
// "Automatic backups"). Called by confirm_apply_and_report() after the confirmation and before
// the first change of each environment, so apply, restore and the tenant commands all leave a
// way back.

#include <cstddef>
#include <optional>

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
/// DESCOPE_MGMT_BACKUP=off skips the backups (with a warning). With `only`, just that
/// environment (plan.environments[*only]): a one-at-a-time rollout backs each environment up
/// just before its turn.
bool take_automatic_backups(Context& ctx, Workspace& ws, const plan::Plan& plan,
                            std::optional<std::size_t> only = std::nullopt);

/// Checks the automatic backups' settings (DESCOPE_MGMT_BACKUP, _DIR, _KEEP and the config's)
/// before anything is asked: false, after printing why, when they are unusable.
bool check_automatic_backup_settings(Context& ctx, const Workspace& ws);

}  // namespace descope_mgmt::cli
