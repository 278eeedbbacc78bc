#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace descope_mgmt::model {

/// Descope's token/session time units (wire: "seconds|minutes|hours|days|weeks"; the official
/// Terraform provider's `durationattr/duration.go` lists all five).
enum class TimeUnit { seconds, minutes, hours, days, weeks };

/// A session-setting duration as Descope stores it: an amount and a unit. "4w" and "28d" are
/// different values to Descope, so they compare unequal here too.
struct Duration {
    std::int64_t amount = 0;
    TimeUnit unit = TimeUnit::minutes;

    bool operator==(const Duration&) const = default;
};

/// Wire name of the unit: "seconds", "minutes", "hours", "days", "weeks".
std::string_view wire_name(TimeUnit unit);
/// Parses a wire unit name; nullopt for anything else (including "").
std::optional<TimeUnit> parse_wire_unit(std::string_view name);

/// The duration's length in seconds (for comparisons such as Descope's lifetime floors).
std::int64_t to_seconds(const Duration& d);

/// Config form "<number><s|m|h|d|w>", e.g. "4w", "10m", "90s". nullopt when malformed, the number
/// is not a positive integer, or it does not fit in 32 bits.
std::optional<Duration> parse_duration(std::string_view text);
/// The config form of a duration ("4w", "90s").
std::string format_duration(const Duration& d);

}  // namespace descope_mgmt::model
