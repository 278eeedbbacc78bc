#pragma once
// Restore = plan + apply of a backup: the backup becomes the desired state of an environment,
// and the ordinary engine (same confirmation, protection and prune rules as apply) makes the
// live project match it.

#include <string>

#include "backup/backup.hpp"
#include "model/state.hpp"

namespace descope_mgmt::backup {

/// The desired state that puts `environment` back to what `backup` holds: the project name,
/// every permission, role and tenant of the backup (tenant session settings where the backup
/// read them), every flow and the theme (when the backup has one). Objects created after the
/// backup are not in it; they are deleted only for the types the user prunes.
model::DesiredState desired_from_backup(const Backup& backup, const std::string& environment);

}  // namespace descope_mgmt::backup
