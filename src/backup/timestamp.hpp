#pragma once
// UTC timestamps in the two forms backups use: ISO 8601 extended in the document
// ("2024-05-01T12:00:00.123Z") and ISO 8601 basic in file names ("20240501T120000.123Z"),
// whose byte order is their time order, so `ls | tail -1` is the newest backup.

#include <optional>
#include <string>
#include <string_view>

#include "backup/backup.hpp"

namespace descope_mgmt::backup {

/// "YYYY-MM-DDTHH:MM:SS.mmmZ".
std::string format_iso8601(Timestamp t);
/// Parses "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DDTHH:MM:SS.mmmZ" (UTC only); nullopt otherwise,
/// including impossible dates such as February 30.
std::optional<Timestamp> parse_iso8601(std::string_view text);

/// "YYYYMMDDTHHMMSS.mmmZ", the form used in backup file names.
std::string format_file_stamp(Timestamp t);
/// Parses the file-name form exactly; nullopt otherwise.
std::optional<Timestamp> parse_file_stamp(std::string_view text);

/// The current wall-clock time, truncated to milliseconds.
Timestamp now_utc();

}  // namespace descope_mgmt::backup
