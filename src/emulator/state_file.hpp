#pragma once
// The --state file: {"format_version":1,"projects":[<ProjectStore::to_json()>...]}. Management
// keys are never written: they come from --project on every start.

#include <filesystem>
#include <nlohmann/json_fwd.hpp>

#include "util/result.hpp"

namespace descope_mgmt::emulator {

/// The list of projects saved in `path`; an empty list when the file does not exist yet (first
/// run). An unreadable or invalid file is an error naming the file.
util::Result<nlohmann::json> load_state(const std::filesystem::path& path);

/// Writes `projects` (a JSON list) to `path` atomically (util::write_file_atomically), mode 0600.
util::Result<void> save_state(const std::filesystem::path& path, const nlohmann::json& projects);

}  // namespace descope_mgmt::emulator
